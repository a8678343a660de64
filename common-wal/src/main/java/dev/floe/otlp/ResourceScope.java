package dev.floe.otlp;

import static dev.floe.schema.Columns.RESOURCE_ATTRIBUTES;
import static dev.floe.schema.Columns.RESOURCE_DROPPED_ATTRIBUTES_COUNT;
import static dev.floe.schema.Columns.RESOURCE_SCHEMA_URL;
import static dev.floe.schema.Columns.SCOPE_ATTRIBUTES;
import static dev.floe.schema.Columns.SCOPE_DROPPED_ATTRIBUTES_COUNT;
import static dev.floe.schema.Columns.SCOPE_NAME;
import static dev.floe.schema.Columns.SCOPE_SCHEMA_URL;
import static dev.floe.schema.Columns.SCOPE_VERSION;
import static dev.floe.schema.Columns.SERVICE_NAME;
import static dev.floe.schema.Columns.TENANT_ID;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.Collections;
import java.util.Map;
import org.apache.iceberg.data.GenericRecord;

/**
 * The resource and instrumentation scope that a batch of records shares, converted once and copied
 * into each row. Resource entity references (a development-status OTLP field) have no column.
 */
final class ResourceScope {
  static final String RESOURCE_PREFIX = "resource.";
  static final String SCOPE_PREFIX = "scope.";

  final Map<String, String> resourceAttributes;
  final String serviceName;
  private final Integer resourceDroppedCount;
  private final String resourceSchemaUrl;
  private final String scopeName;
  private final String scopeVersion;
  private final Map<String, String> scopeAttributes;
  private final Integer scopeDroppedCount;
  private final String scopeSchemaUrl;
  /** Value-type tags of the resource and scope attributes, the base of every row's tags. */
  final Map<String, String> valueTypes;
  /** Resource plus scope attributes, counted against the per-record limit. */
  final int attributeCount;
  /** Why every record under this resource and scope is rejected, or null. */
  final String problem;

  private ResourceScope(
      ResourceScope resource, InstrumentationScope scope, String scopeSchemaUrl, MappingContext context) {
    this.resourceAttributes = resource.resourceAttributes;
    this.serviceName = resource.serviceName;
    this.resourceDroppedCount = resource.resourceDroppedCount;
    this.resourceSchemaUrl = resource.resourceSchemaUrl;
    this.scopeName = emptyToNull(scope.getName());
    this.scopeVersion = emptyToNull(scope.getVersion());
    this.scopeDroppedCount = scope.getDroppedAttributesCount();
    this.scopeSchemaUrl = emptyToNull(scopeSchemaUrl);
    this.attributeCount = resource.attributeCount + scope.getAttributesCount();
    if (resource.problem != null) {
      this.scopeAttributes = MappingContext.EMPTY_MAP;
      this.valueTypes = MappingContext.EMPTY_MAP;
      this.problem = resource.problem;
      return;
    }
    context.beginTypes(resource.valueTypes);
    Map<String, String> attributes = context.attributes(scope.getAttributesList(), SCOPE_PREFIX, -1);
    this.scopeAttributes = attributes == null ? MappingContext.EMPTY_MAP : immutable(attributes);
    this.valueTypes = immutable(context.endTypes());
    this.problem = attributes == null ? context.problem() : null;
  }

  private ResourceScope(Resource resource, String schemaUrl, MappingContext context) {
    context.beginTypes(MappingContext.EMPTY_MAP);
    Map<String, String> attributes = context.attributes(resource.getAttributesList(), RESOURCE_PREFIX, -1);
    this.problem = attributes == null ? context.problem() : null;
    this.resourceAttributes = attributes == null ? MappingContext.EMPTY_MAP : immutable(attributes);
    this.valueTypes = immutable(context.endTypes());
    this.serviceName = StreamLabels.serviceName(resourceAttributes);
    this.resourceDroppedCount = resource.getDroppedAttributesCount();
    this.resourceSchemaUrl = emptyToNull(schemaUrl);
    this.attributeCount = resource.getAttributesCount();
    this.scopeName = null;
    this.scopeVersion = null;
    this.scopeAttributes = MappingContext.EMPTY_MAP;
    this.scopeDroppedCount = null;
    this.scopeSchemaUrl = null;
  }

  /** A resource without a scope yet, to derive {@link #withScope} from. */
  static ResourceScope ofResource(Resource resource, String schemaUrl, MappingContext context) {
    return new ResourceScope(resource, schemaUrl, context);
  }

  ResourceScope withScope(InstrumentationScope scope, String schemaUrl, MappingContext context) {
    return new ResourceScope(this, scope, schemaUrl, context);
  }

  String scopeName() {
    return scopeName;
  }

  String scopeVersion() {
    return scopeVersion;
  }

  /** Sets the tenant, service name, resource and scope columns of a row. */
  void fill(GenericRecord row, Columns columns, String tenant) {
    row.set(columns.tenant, tenant);
    row.set(columns.serviceName, serviceName);
    row.set(columns.resourceAttributes, resourceAttributes);
    row.set(columns.resourceSchemaUrl, resourceSchemaUrl);
    row.set(columns.resourceDroppedCount, resourceDroppedCount);
    row.set(columns.scopeName, scopeName);
    row.set(columns.scopeVersion, scopeVersion);
    row.set(columns.scopeAttributes, scopeAttributes);
    row.set(columns.scopeSchemaUrl, scopeSchemaUrl);
    row.set(columns.scopeDroppedCount, scopeDroppedCount);
  }

  static String emptyToNull(String value) {
    return value.isEmpty() ? null : value;
  }

  private static Map<String, String> immutable(Map<String, String> map) {
    return map.isEmpty() ? MappingContext.EMPTY_MAP : Collections.unmodifiableMap(map);
  }

  /** Positions of the columns {@link #fill} sets, which every table has. */
  static final class Columns {
    final int tenant;
    final int serviceName;
    final int resourceAttributes;
    final int resourceSchemaUrl;
    final int resourceDroppedCount;
    final int scopeName;
    final int scopeVersion;
    final int scopeAttributes;
    final int scopeSchemaUrl;
    final int scopeDroppedCount;

    Columns(RowTemplate table) {
      this.tenant = table.position(TENANT_ID);
      this.serviceName = table.position(SERVICE_NAME);
      this.resourceAttributes = table.position(RESOURCE_ATTRIBUTES);
      this.resourceSchemaUrl = table.position(RESOURCE_SCHEMA_URL);
      this.resourceDroppedCount = table.position(RESOURCE_DROPPED_ATTRIBUTES_COUNT);
      this.scopeName = table.position(SCOPE_NAME);
      this.scopeVersion = table.position(SCOPE_VERSION);
      this.scopeAttributes = table.position(SCOPE_ATTRIBUTES);
      this.scopeSchemaUrl = table.position(SCOPE_SCHEMA_URL);
      this.scopeDroppedCount = table.position(SCOPE_DROPPED_ATTRIBUTES_COUNT);
    }
  }
}
