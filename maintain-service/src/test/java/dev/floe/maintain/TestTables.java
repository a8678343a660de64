package dev.floe.maintain;

import dev.floe.catalog.CatalogConfig;
import dev.floe.catalog.Catalogs;
import dev.floe.catalog.FloeCatalog;
import dev.floe.schema.Signal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/** The embedded catalog of a test folder and what its tables hold, read with Iceberg's own reader. */
public final class TestTables {
  private TestTables() {}

  public static Catalog catalog(Path dir) {
    return Catalogs.open(CatalogConfig.embedded(dir.toString()));
  }

  /** Opens a new catalog connection and loads the table, as another process would. */
  public static Table load(Path dir, Signal signal) {
    return new FloeCatalog(catalog(dir), "floe").ensureTables().get(signal);
  }

  /** Every row of the table's current snapshot, through {@link IcebergGenerics}. */
  public static List<Record> rows(Table table) {
    table.refresh();
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      records.forEach(rows::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** The {@code body} of every row (logs and events tables). */
  public static List<String> bodies(Table table) {
    return rows(table).stream().map(row -> (String) row.getField("body")).toList();
  }

  /** The Parquet files under the table's data folder, committed or not. */
  public static List<Path> dataFilesOnDisk(Path dir, Signal signal) {
    Path data = dir.resolve("warehouse").resolve("floe").resolve(signal.table().name()).resolve("data");
    if (!Files.isDirectory(data)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(data)) {
      return files.filter(file -> file.toString().endsWith(".parquet")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
