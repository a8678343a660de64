package dev.floe.query.scan;

import static dev.floe.query.scan.ScanFixture.DAY_ONE_MICROS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.schema.Signal;
import dev.floe.store.LocalObjectStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spans: fixed-length ids, a second timestamp column, and no label set to filter on. */
class SpansScanTest {
  @TempDir Path dir;

  private static Record span(String traceId, String name, long startMicros, int startNanos, long durationNanos) {
    Record row = GenericRecord.create(Signal.SPANS.table().schema());
    long end = startMicros * 1000 + startNanos + durationNanos;
    row.setField("tenant_id", "tenant-s");
    row.setField("timestamp", startMicros);
    row.setField("timestamp_nanos", startNanos);
    row.setField("end_timestamp", Math.floorDiv(end, 1000));
    row.setField("end_timestamp_nanos", (int) Math.floorMod(end, 1000));
    row.setField("duration_nanos", durationNanos);
    row.setField("service_name", "svc");
    row.setField("trace_id", ByteBuffer.wrap(traceId.getBytes(StandardCharsets.US_ASCII)));
    row.setField("span_id", ByteBuffer.wrap("span0001".getBytes(StandardCharsets.US_ASCII)));
    row.setField("name", name);
    row.setField("kind", 2);
    row.setField("status_code", 0);
    row.setField("value_types", Map.of());
    return row;
  }

  @Test
  void fixedIdsAndEveryTimestampComeBackExactly() {
    LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
    ScanFixture fixture = new ScanFixture(dir, store);
    fixture.append(
        Signal.SPANS,
        List.of(span("trace-0000000001", "GET /a", DAY_ONE_MICROS, 123, 1_500), span("trace-0000000002", "GET /b", DAY_ONE_MICROS + 5, 999, 2)));

    List<String> seen = new ArrayList<>();
    BatchConsumer consumer =
        new BatchConsumer() {
          @Override
          public void accept(ColumnBatch batch) {
            for (int row = 0; row < batch.size(); row++) {
              ByteBuffer traceId = batch.strings("trace_id").bytes(row);
              byte[] bytes = new byte[traceId.remaining()];
              traceId.get(bytes);
              long start = batch.longs("timestamp").get(row);
              long end = batch.longs("end_timestamp").get(row);
              seen.add(new String(bytes, StandardCharsets.US_ASCII) + " " + batch.strings("name").get(row) + " " + (end - start)
                  + " " + Math.floorMod(start, 1000));
            }
          }

          @Override
          public void reset() {}
        };
    ScanRequest request =
        ScanRequest.builder(Signal.SPANS).tenant("tenant-s").columns("trace_id", "name", "end_timestamp").build();
    fixture.scanner(store).scan(request, consumer);

    assertThat(seen).containsExactlyInAnyOrder("trace-0000000001 GET /a 1500 123", "trace-0000000002 GET /b 2 999");
    assertThatThrownBy(() -> ScanRequest.builder(Signal.SPANS).tenant("tenant-s").labelFilter(labels -> true).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("label");
  }
}
