package dev.floe.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.SortField;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class FloeTablesTest {
  @Test
  void everyTableIsPartitionedByTenantAndDay() {
    for (Signal signal : Signal.values()) {
      TableDefinition table = signal.table();
      assertThat(table.name()).isEqualTo(signal.id());
      List<PartitionField> fields = table.spec().fields();
      assertThat(fields).extracting(f -> f.transform().toString()).containsExactly("identity", "day");
      assertThat(fields).extracting(f -> table.schema().findColumnName(f.sourceId()))
          .containsExactly(Columns.TENANT_ID, Columns.TIMESTAMP);
    }
  }

  @Test
  void sortOrdersFollowTheDesign() {
    assertThat(sortColumns(Signal.LOGS.table()))
        .containsExactly("tenant_id", "stream_fingerprint", "timestamp", "timestamp_nanos");
    assertThat(sortColumns(Signal.SPANS.table())).containsExactly("tenant_id", "trace_id");
    assertThat(sortColumns(Signal.METRICS.table()))
        .containsExactly("tenant_id", "metric_name", "series_fingerprint", "timestamp", "timestamp_nanos");
  }

  @Test
  void idsAreBinaryAndAttributeMapsAreStringToString() {
    Types.StructType spans = Signal.SPANS.table().schema().asStruct();
    assertThat(spans.fieldType("trace_id")).isEqualTo(Types.FixedType.ofLength(16));
    assertThat(spans.fieldType("span_id")).isEqualTo(Types.FixedType.ofLength(8));
    for (Signal signal : Signal.values()) {
      Type attributes = signal.table().schema().findType(Columns.ATTRIBUTES);
      assertThat(attributes.asMapType().keyType()).isEqualTo(Types.StringType.get());
      assertThat(attributes.asMapType().valueType()).isEqualTo(Types.StringType.get());
    }
  }

  @Test
  void fieldIdsAreUniqueWithinEachTable() {
    for (Signal signal : Signal.values()) {
      Map<Integer, String> byId = TypeUtil.indexNameById(signal.table().schema().asStruct());
      Set<Integer> ids = new HashSet<>(byId.keySet());
      assertThat(ids).hasSize(byId.size());
      assertThat(signal.table().schema().highestFieldId()).isEqualTo(byId.size());
    }
  }

  @Test
  void anIcebergCatalogAcceptsEveryDefinition() {
    try (InMemoryCatalog catalog = new InMemoryCatalog()) {
      catalog.initialize("test", Map.of());
      catalog.createNamespace(Namespace.of("floe"));
      for (Signal signal : Signal.values()) {
        TableDefinition definition = signal.table();
        Table table =
            catalog.buildTable(TableIdentifier.of("floe", definition.name()), definition.schema())
                .withPartitionSpec(definition.spec())
                .withSortOrder(definition.sortOrder())
                .withProperties(definition.properties())
                .create();
        assertThat(table.schema().sameSchema(definition.schema()))
            .as("the catalog keeps Floe's field ids, so WAL segments and tables agree")
            .isTrue();
        assertThat(table.schema().asStruct()).isEqualTo(definition.schema().asStruct());
        assertThat(table.sortOrder().fields()).hasSameSizeAs(definition.sortOrder().fields());
        assertThat(table.properties()).containsEntry("write.parquet.compression-codec", "zstd");
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> sortColumns(TableDefinition table) {
    return table.sortOrder().fields().stream()
        .map(SortField::sourceId)
        .map(id -> table.schema().findColumnName(id))
        .toList();
  }
}
