package dev.floe.catalog;

import dev.floe.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;

/**
 * Opens the catalog a {@link CatalogConfig} names with Iceberg's own {@link CatalogUtil}: nothing
 * Floe-specific sits between Floe and the catalog, so any Iceberg engine can open the same tables.
 */
public final class Catalogs {
  private Catalogs() {}

  public static Catalog open(CatalogConfig config) {
    return CatalogUtil.buildIcebergCatalog(config.name(), properties(config), new Configuration(false));
  }

  /** The Iceberg catalog properties for {@code config}. */
  static Map<String, String> properties(CatalogConfig config) {
    Map<String, String> properties = new HashMap<>();
    switch (config.type()) {
      case "sqlite" -> {
        requireUri(config, "jdbc:sqlite:");
        properties.put(CatalogProperties.CATALOG_IMPL, "org.apache.iceberg.jdbc.JdbcCatalog");
        properties.put(CatalogProperties.URI, config.uri());
        // V1 adds the column that lets the catalog hold views as well as tables.
        properties.put("jdbc.schema-version", "V1");
        Path warehouse = Path.of(config.warehouse()).toAbsolutePath().normalize();
        createFolders(warehouse, Path.of(config.uri().substring("jdbc:sqlite:".length())).toAbsolutePath().getParent());
        properties.put(CatalogProperties.WAREHOUSE_LOCATION, warehouse.toUri().toString());
        properties.put(CatalogProperties.FILE_IO_IMPL, LocalFileIO.class.getName());
      }
      case "rest" -> {
        requireUri(config, "http");
        properties.put(CatalogUtil.ICEBERG_CATALOG_TYPE, CatalogUtil.ICEBERG_CATALOG_TYPE_REST);
        properties.put(CatalogProperties.URI, config.uri());
        putIfSet(properties, CatalogProperties.WAREHOUSE_LOCATION, config.warehouse());
      }
      case "nessie" -> {
        requireUri(config, "http");
        properties.put(CatalogUtil.ICEBERG_CATALOG_TYPE, CatalogUtil.ICEBERG_CATALOG_TYPE_NESSIE);
        properties.put(CatalogProperties.URI, config.uri());
        properties.put("ref", config.ref() == null || config.ref().isBlank() ? "main" : config.ref());
        putIfSet(properties, CatalogProperties.WAREHOUSE_LOCATION, config.warehouse());
        properties.putIfAbsent(CatalogProperties.FILE_IO_IMPL, "org.apache.iceberg.aws.s3.S3FileIO");
      }
      default -> throw new ConfigException("catalog.type must be sqlite, rest or nessie, got '" + config.type() + "'");
    }
    properties.putAll(config.properties());
    return properties;
  }

  private static void requireUri(CatalogConfig config, String scheme) {
    if (config.uri() == null || !config.uri().startsWith(scheme)) {
      throw new ConfigException(
          "catalog.uri must start with " + scheme + " for catalog.type " + config.type() + ", got '" + config.uri() + "'");
    }
  }

  private static void putIfSet(Map<String, String> properties, String key, String value) {
    if (value != null && !value.isBlank()) {
      properties.put(key, value);
    }
  }

  private static void createFolders(Path... folders) {
    for (Path folder : folders) {
      if (folder != null) {
        try {
          Files.createDirectories(folder);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot create " + folder, e);
        }
      }
    }
  }
}
