package dev.floe.wal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.schema.Signal;
import dev.floe.store.LocalObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentEncoderTest {
  @TempDir Path dir;

  @Test
  void writesOneRowGroupPerTenantWithFieldIdsAndZstd() throws Exception {
    List<Record> rows = new ArrayList<>();
    rows.addAll(WalRows.logs("b", "b", 50));
    rows.addAll(WalRows.logs("a", "a", 30));
    rows.addAll(WalRows.logs("c", "c", 1));
    byte[] segment = new SegmentEncoder(Signal.LOGS.table(), 3).encode(rows, Map.of(SegmentEncoder.WRITER_KEY, "w/1"));

    Path file = dir.resolve("s.parquet");
    Files.write(file, segment);
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      ParquetMetadata footer = reader.getFooter();
      List<BlockMetaData> groups = footer.getBlocks();
      assertThat(groups).extracting(BlockMetaData::getRowCount).containsExactly(30L, 50L, 1L);
      for (BlockMetaData group : groups) {
        var tenant = group.getColumns().get(0).getStatistics();
        assertThat(tenant.genericGetMin()).isEqualTo(tenant.genericGetMax());
        assertThat(group.getColumns()).allSatisfy(c -> assertThat(c.getCodec()).isEqualTo(CompressionCodecName.ZSTD));
      }
      assertThat(footer.getFileMetaData().getSchema().getFields().get(0).getId().intValue())
          .isEqualTo(Signal.LOGS.table().schema().findField("tenant_id").fieldId());
      assertThat(footer.getFileMetaData().getKeyValueMetaData()).containsEntry(SegmentEncoder.WRITER_KEY, "w/1");
    }
  }

  @Test
  void rowsComeBackSortedInTableOrderAndTenantFiltersSkipRowGroups() throws Exception {
    List<Record> rows = new ArrayList<>();
    rows.addAll(WalRows.logs("t2", "x", 20));
    rows.addAll(WalRows.logs("t1", "y", 20));
    byte[] segment = new SegmentEncoder(Signal.LOGS.table(), 3).encode(rows, Map.of());
    try (LocalObjectStore store = new LocalObjectStore(dir)) {
      SegmentKey key = new SegmentKey(Signal.LOGS, 0, 1);
      store.createIfAbsent(key.path(), segment);
      WalReader reader = new WalReader(store);

      List<Record> all = new ArrayList<>();
      try (CloseableIterable<Record> read = reader.readAll(key)) {
        read.forEach(all::add);
      }
      assertThat(all).hasSize(40);
      for (int i = 1; i < all.size(); i++) {
        Record before = all.get(i - 1);
        Record after = all.get(i);
        int byTenant = before.getField("tenant_id").toString().compareTo(after.getField("tenant_id").toString());
        assertThat(byTenant).isLessThanOrEqualTo(0);
        if (byTenant == 0) {
          assertThat((Long) before.getField("stream_fingerprint")).isLessThanOrEqualTo((Long) after.getField("stream_fingerprint"));
        }
      }
      assertThat(all.get(0).getField("attributes")).isEqualTo(Map.of("k", "v"));
      assertThat(all.get(0).getField("timestamp_nanos")).isEqualTo(7);

      List<Record> onlyT2 = new ArrayList<>();
      try (CloseableIterable<Record> read =
          reader.read(key, Signal.LOGS.table().schema().select("tenant_id", "body"), Expressions.equal("tenant_id", "t2"))) {
        read.forEach(onlyT2::add);
      }
      assertThat(onlyT2).hasSize(20).allSatisfy(r -> assertThat(r.getField("tenant_id")).isEqualTo("t2"));
    }
  }

  @Test
  void aColumnDecidesOnItsDictionaryFromItsFirstValues() throws Exception {
    long start = 1_700_000_000_000_000L;
    List<Record> distinct = new ArrayList<>();
    List<Record> repeating = new ArrayList<>();
    List<Record> distinctThenRepeating = new ArrayList<>();
    for (int i = 0; i < 6000; i++) {
      distinct.add(WalRows.log("t", 0, start + i, "line"));
      repeating.add(WalRows.log("t", 0, start + i % 10, "line"));
      distinctThenRepeating.add(WalRows.log("t", 0, i < SegmentValuesWriters.DictionaryVerdict.SAMPLE ? start + i : start + 5000, "line"));
    }
    assertThat(timestampEncodings(distinct)).contains(Encoding.PLAIN).doesNotContain(Encoding.PLAIN_DICTIONARY);
    assertThat(timestampEncodings(repeating)).contains(Encoding.PLAIN_DICTIONARY).doesNotContain(Encoding.PLAIN);
    // Parquet, judging the whole first page, would keep this dictionary; the first values decide here.
    assertThat(timestampEncodings(distinctThenRepeating)).contains(Encoding.PLAIN).doesNotContain(Encoding.PLAIN_DICTIONARY);
  }

  private Set<Encoding> timestampEncodings(List<Record> rows) throws Exception {
    Path file = dir.resolve("encodings.parquet");
    Files.write(file, new SegmentEncoder(Signal.LOGS.table(), 1).encode(rows, Map.of()));
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      return reader.getFooter().getBlocks().get(0).getColumns().stream()
          .filter(column -> column.getPath().toDotString().equals("timestamp"))
          .findFirst()
          .orElseThrow()
          .getEncodings();
    }
  }
}
