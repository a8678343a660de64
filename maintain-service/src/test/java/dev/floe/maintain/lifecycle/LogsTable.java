package dev.floe.maintain.lifecycle;

import dev.floe.catalog.CatalogConfig;
import dev.floe.catalog.Catalogs;
import dev.floe.catalog.FloeCatalog;
import dev.floe.schema.Signal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.Record;

/** A Floe logs table in a real embedded (SQLite) catalog under a test's folder. */
final class LogsTable {
  final Catalog catalog;
  final FloeCatalog floe;
  private final Random random = new Random(42);

  LogsTable(Path dir) {
    this.catalog = Catalogs.open(CatalogConfig.embedded(dir.toString()));
    this.floe = new FloeCatalog(catalog, "floe");
    floe.ensureTables();
  }

  /** A fresh handle on the logs table. */
  Table table() {
    return catalog.loadTable(floe.identifier(Signal.LOGS));
  }

  List<Record> rows(Table table, String tenant, Instant at, int count) {
    return TableData.logRows(table, tenant, at, count, random);
  }

  /** Appends one data file of {@code count} new rows in one commit and returns the rows. */
  List<Record> append(String tenant, Instant at, int count) {
    Table table = table();
    List<Record> rows = rows(table, tenant, at, count);
    table.newAppend().appendFile(TableData.write(table, rows)).commit();
    return rows;
  }
}
