package dev.floe.wal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.schema.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.InternalWriter;
import org.apache.parquet.column.values.factory.DefaultValuesWriterFactory;
import org.junit.jupiter.api.Test;

class SegmentValueWritersTest {
  @Test
  void segmentsAreByteForByteThoseOfIcebergsAndParquetsDefaultWriters() {
    for (Signal signal : Signal.values()) {
      for (boolean shareMaps : new boolean[] {true, false}) {
        assertSameBytes(signal, new RandomRows(signal.ordinal(), shareMaps).rows(signal.table().schema(), 1500));
      }
    }
  }

  private static void assertSameBytes(Signal signal, List<Record> rows) {
    Map<String, String> footer = Map.of(SegmentEncoder.WRITER_KEY, "w/1");
    byte[] ours = new SegmentEncoder(signal.table(), 3).encode(new ArrayList<>(rows), footer);
    SegmentEncoder defaults =
        new SegmentEncoder(signal.table(), 3, InternalWriter::createWriter, new DefaultValuesWriterFactory());
    byte[] iceberg = defaults.encode(new ArrayList<>(rows), footer);
    assertThat(ours).as(signal.id()).isEqualTo(iceberg);
  }
}
