package dev.floe.catalog;

import dev.floe.schema.Signal;
import dev.floe.schema.TableDefinition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.types.Types.NestedField;

/**
 * Floe's tables in a catalog: creates the namespace and the tables when missing, and checks tables
 * that exist. A missing column is added (additive schema evolution); a column of another type or
 * other partitioning is an error that names the table and column, because writing into such a table
 * would corrupt it.
 */
public final class FloeCatalog {
  private final Catalog catalog;
  private final Namespace namespace;

  public FloeCatalog(Catalog catalog, String namespace) {
    this.catalog = catalog;
    this.namespace = Namespace.of(namespace);
  }

  public Catalog catalog() {
    return catalog;
  }

  public TableIdentifier identifier(Signal signal) {
    return TableIdentifier.of(namespace, signal.table().name());
  }

  /** Makes sure every Floe table exists and fits, and returns them. */
  public Map<Signal, Table> ensureTables() {
    if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(namespace)) {
      try {
        namespaces.createNamespace(namespace);
      } catch (AlreadyExistsException e) {
        // another service created it first
      }
    }
    Map<Signal, Table> tables = new EnumMap<>(Signal.class);
    for (Signal signal : Signal.values()) {
      tables.put(signal, ensure(signal.table()));
    }
    return tables;
  }

  private Table ensure(TableDefinition definition) {
    TableIdentifier id = TableIdentifier.of(namespace, definition.name());
    if (!catalog.tableExists(id)) {
      try {
        return catalog.buildTable(id, definition.schema())
            .withPartitionSpec(definition.spec())
            .withSortOrder(definition.sortOrder())
            .withProperties(definition.properties())
            .create();
      } catch (AlreadyExistsException e) {
        // another service created it first: check it like any existing table
      }
    }
    Table table = catalog.loadTable(id);
    evolve(id, table, definition);
    return table;
  }

  private static void evolve(TableIdentifier id, Table table, TableDefinition definition) {
    Schema expected = definition.schema();
    List<NestedField> missing = new ArrayList<>();
    for (NestedField field : expected.columns()) {
      NestedField existing = table.schema().findField(field.name());
      if (existing == null) {
        missing.add(field);
      } else {
        checkField(id, field.name(), field, existing);
      }
    }
    if (!missing.isEmpty()) {
      UpdateSchema update = table.updateSchema();
      for (NestedField field : missing) {
        update.addColumn(field.name(), field.type(), field.doc());
      }
      update.commit();
    }
    List<String> expectedPartitions = partitionFields(definition.spec().fields(), expected);
    List<String> actualPartitions = partitionFields(table.spec().fields(), table.schema());
    if (!expectedPartitions.equals(actualPartitions)) {
      throw new IncompatibleTableException(
          "table " + id + " is partitioned by " + actualPartitions + "; Floe needs " + expectedPartitions);
    }
    UpdateProperties properties = table.updateProperties();
    boolean changed = false;
    for (Map.Entry<String, String> property : definition.properties().entrySet()) {
      if (!property.getKey().equals("format-version") && !table.properties().containsKey(property.getKey())) {
        properties.set(property.getKey(), property.getValue());
        changed = true;
      }
    }
    if (changed) {
      properties.commit();
    }
  }

  /**
   * Columns are matched by name, so a table created by another tool or an older Floe, with other
   * field ids or column order, still works; nested fields must match in name, type and order because
   * rows carry nested values as they are.
   */
  private static void checkField(TableIdentifier id, String path, NestedField expected, NestedField actual) {
    boolean primitive = expected.type().isPrimitiveType() || actual.type().isPrimitiveType();
    if (primitive ? !expected.type().equals(actual.type()) : expected.type().typeId() != actual.type().typeId()) {
      throw new IncompatibleTableException(
          "table " + id + ": column '" + path + "' is " + actual.type() + "; Floe needs " + expected.type());
    }
    if (primitive) {
      return;
    }
    List<NestedField> expectedChildren = expected.type().asNestedType().fields();
    List<NestedField> actualChildren = actual.type().asNestedType().fields();
    for (int i = 0; i < expectedChildren.size(); i++) {
      NestedField child = expectedChildren.get(i);
      if (i >= actualChildren.size() || !actualChildren.get(i).name().equals(child.name())) {
        throw new IncompatibleTableException(
            "table " + id + ": column '" + path + "' needs nested field '" + child.name() + "' at position " + i);
      }
      checkField(id, path + "." + child.name(), child, actualChildren.get(i));
    }
  }

  private static List<String> partitionFields(List<PartitionField> fields, Schema schema) {
    List<String> names = new ArrayList<>();
    for (PartitionField field : fields) {
      names.add(field.transform() + "(" + schema.findColumnName(field.sourceId()) + ")");
    }
    return names;
  }
}
