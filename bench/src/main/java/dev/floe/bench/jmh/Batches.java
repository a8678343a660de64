package dev.floe.bench.jmh;

import dev.floe.config.WalConfig;
import dev.floe.bench.LogWorkload;
import dev.floe.otlp.MappingConfig;
import dev.floe.otlp.OtlpMapper;
import dev.floe.schema.FloeTables;
import dev.floe.schema.Signal;
import dev.floe.wal.SegmentEncoder;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.Record;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The benchmark input: {@value #REQUESTS} requests of {@value #RECORDS} log records from {@link
 * LogWorkload}, serialized, decoded and mapped to rows, and the tools the ingest path uses on them.
 */
@State(Scope.Thread)
public class Batches {
  /** Records per request. */
  public static final int RECORDS = LogWorkload.DEFAULT_RECORDS_PER_REQUEST;
  /** Requests, so that a batch of rows has {@value #RECORDS} x {@value #REQUESTS} rows. */
  public static final int REQUESTS = 10;
  static final String TENANT = "default";
  static final Map<String, String> FOOTER =
      Map.of(SegmentEncoder.WRITER_KEY, "bench/1", SegmentEncoder.SIGNAL_KEY, Signal.LOGS.id());

  byte[][] bodies;
  ExportLogsServiceRequest[] requests;
  /** The rows of every request, in arrival order (not sorted). */
  List<Record> rows;
  OtlpMapper mapper;
  SegmentEncoder encoder;
  long receiveNanos;

  @Setup
  public void setUp() {
    receiveNanos = System.currentTimeMillis() * 1_000_000L;
    mapper = new OtlpMapper(MappingConfig.defaults());
    encoder = new SegmentEncoder(FloeTables.LOGS, WalConfig.defaults().zstdLevel());
    LogWorkload workload = new LogWorkload(42);
    bodies = new byte[REQUESTS][];
    requests = new ExportLogsServiceRequest[REQUESTS];
    rows = new ArrayList<>(RECORDS * REQUESTS);
    for (int i = 0; i < REQUESTS; i++) {
      requests[i] = workload.request(RECORDS, receiveNanos);
      bodies[i] = requests[i].toByteArray();
      rows.addAll(mapper.mapLogs(TENANT, requests[i], receiveNanos).rowsFor(Signal.LOGS));
    }
  }
}
