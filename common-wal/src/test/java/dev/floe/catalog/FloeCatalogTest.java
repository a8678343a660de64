package dev.floe.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.schema.Signal;
import java.nio.file.Path;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FloeCatalogTest {
  @TempDir Path dir;

  private Catalog embedded() {
    return Catalogs.open(CatalogConfig.embedded(dir.toString()));
  }

  @Test
  void createsEveryTableInTheEmbeddedSqliteCatalogAndFindsThemAgain() throws Exception {
    Map<Signal, Table> created = new FloeCatalog(embedded(), "floe").ensureTables();
    assertThat(created).containsOnlyKeys(Signal.values());
    assertThat(dir.resolve("catalog.db")).exists();

    Catalog reopened = embedded();
    Map<Signal, Table> again = new FloeCatalog(reopened, "floe").ensureTables();
    for (Signal signal : Signal.values()) {
      Table table = again.get(signal);
      assertThat(table.schema().asStruct()).isEqualTo(signal.table().schema().asStruct());
      assertThat(table.location()).startsWith(dir.resolve("warehouse").toUri().toString().replaceAll("/$", ""));
      assertThat(table.sortOrder().isSorted()).isTrue();
    }
    assertThat(((SupportsNamespaces) reopened).listNamespaces()).contains(Namespace.of("floe"));
  }

  @Test
  void addsMissingColumnsToAnExistingTable() {
    Catalog catalog = embedded();
    ((SupportsNamespaces) catalog).createNamespace(Namespace.of("floe"));
    Schema full = Signal.EVENTS.table().schema();
    Schema older = new Schema(full.columns().subList(0, full.columns().size() - 2));
    catalog.buildTable(TableIdentifier.of("floe", "events"), older)
        .withPartitionSpec(PartitionSpec.builderFor(older).identity("tenant_id").day("timestamp").build())
        .create();

    Table events = new FloeCatalog(catalog, "floe").ensureTables().get(Signal.EVENTS);
    assertThat(events.schema().findField("value_types")).isNotNull();
    assertThat(events.schema().findField("scope_dropped_attributes_count")).isNotNull();
    assertThat(events.properties()).containsEntry("write.parquet.compression-codec", "zstd");
  }

  @Test
  void refusesATableWhoseColumnHasAnotherType() {
    Catalog catalog = embedded();
    ((SupportsNamespaces) catalog).createNamespace(Namespace.of("floe"));
    Schema wrong = new Schema(
        Types.NestedField.required(1, "tenant_id", Types.StringType.get()),
        Types.NestedField.required(2, "timestamp", Types.TimestampType.withZone()),
        Types.NestedField.optional(3, "body", Types.IntegerType.get()));
    catalog.buildTable(TableIdentifier.of("floe", "logs"), wrong)
        .withPartitionSpec(PartitionSpec.builderFor(wrong).identity("tenant_id").day("timestamp").build())
        .create();
    assertThatThrownBy(() -> new FloeCatalog(catalog, "floe").ensureTables())
        .isInstanceOf(IncompatibleTableException.class)
        .hasMessageContaining("floe.logs")
        .hasMessageContaining("'body' is int");
  }

  @Test
  void refusesATableWithOtherPartitioning() {
    Catalog catalog = embedded();
    ((SupportsNamespaces) catalog).createNamespace(Namespace.of("floe"));
    catalog.buildTable(TableIdentifier.of("floe", "spans"), Signal.SPANS.table().schema()).create();
    assertThatThrownBy(() -> new FloeCatalog(catalog, "floe").ensureTables())
        .isInstanceOf(IncompatibleTableException.class)
        .hasMessageContaining("partitioned by []");
  }

  @Test
  void unknownCatalogTypesAndBadUrisAreConfigurationErrors() {
    assertThatThrownBy(() -> Catalogs.open(new CatalogConfig("hive", "c", "floe", "", "", "", Map.of())))
        .hasMessageContaining("catalog.type");
    assertThatThrownBy(() -> Catalogs.open(new CatalogConfig("rest", "c", "floe", "ftp://x", "", "", Map.of())))
        .hasMessageContaining("catalog.uri");
  }
}
