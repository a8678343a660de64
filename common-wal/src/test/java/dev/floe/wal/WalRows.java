package dev.floe.wal;

import dev.floe.schema.Signal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;

/** Small log rows for WAL tests, in Iceberg's internal representation. */
public final class WalRows {
  private WalRows() {}

  /** A log row whose body identifies it. */
  public static Record log(String tenant, long fingerprint, long timeMicros, String body) {
    GenericRecord row = GenericRecord.create(Signal.LOGS.table().schema());
    row.setField("tenant_id", tenant);
    row.setField("timestamp", timeMicros);
    row.setField("timestamp_nanos", 7);
    row.setField("service_name", "svc");
    row.setField("stream_labels", "{service_name=\"svc\"}");
    row.setField("stream_fingerprint", fingerprint);
    row.setField("body", body);
    row.setField("trace_id", java.nio.ByteBuffer.wrap("0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
    row.setField("attributes", Map.of("k", "v"));
    row.setField("value_types", Map.of());
    return row;
  }

  /** {@code count} rows of one tenant with bodies {@code prefix-0 ...}. */
  public static List<Record> logs(String tenant, String prefix, int count) {
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(log(tenant, i % 3, 1_700_000_000_000_000L + i, prefix + "-" + i));
    }
    return rows;
  }
}
