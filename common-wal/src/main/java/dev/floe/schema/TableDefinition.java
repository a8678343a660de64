package dev.floe.schema;

import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;

/**
 * Everything Floe fixes about one Iceberg table: its name in the namespace, schema (with field ids),
 * partition spec, sort order and table properties.
 */
public record TableDefinition(
    String name, Schema schema, PartitionSpec spec, SortOrder sortOrder, Map<String, String> properties) {

  public TableDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(sortOrder, "sortOrder");
    properties = Map.copyOf(properties);
  }
}
