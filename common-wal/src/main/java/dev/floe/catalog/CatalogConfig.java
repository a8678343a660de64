package dev.floe.catalog;

import java.util.Map;

/**
 * Which Iceberg catalog holds Floe's tables.
 *
 * @param type {@code sqlite} (embedded {@code JdbcCatalog} on a SQLite file), {@code rest} (any
 *     Iceberg REST catalog, e.g. Nessie's {@code /iceberg/} endpoint, Polaris, Lakekeeper) or {@code
 *     nessie} (Nessie's native API)
 * @param name the catalog's name in Iceberg (appears in metrics and logs)
 * @param namespace the namespace holding the tables of this deployment
 * @param uri {@code jdbc:sqlite:<file>} for sqlite, the REST or Nessie API base URI otherwise
 * @param warehouse where data files go: a folder for sqlite, an {@code s3://} location otherwise (a
 *     REST catalog may also name a configured warehouse)
 * @param ref the Nessie branch, for {@code nessie}
 * @param properties further Iceberg catalog properties, passed as they are (for example {@code
 *     s3.endpoint}, {@code s3.path-style-access}, {@code s3.access-key-id}, {@code token})
 */
public record CatalogConfig(
    String type, String name, String namespace, String uri, String warehouse, String ref, Map<String, String> properties) {

  public CatalogConfig {
    properties = properties == null ? Map.of() : Map.copyOf(properties);
  }

  /** The embedded catalog of a local deployment under {@code dataDir}. */
  public static CatalogConfig embedded(String dataDir) {
    String dir = dataDir.endsWith("/") ? dataDir.substring(0, dataDir.length() - 1) : dataDir;
    return new CatalogConfig(
        "sqlite", "floe", "floe", "jdbc:sqlite:" + dir + "/catalog.db", dir + "/warehouse", "main", Map.of());
  }
}
