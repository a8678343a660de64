package dev.floe.bench;

import dev.floe.lang.QueryContext;
import dev.floe.query.QueryConfig;
import dev.floe.query.api.BlockingApi;
import dev.floe.query.api.QueryGate;
import dev.floe.query.api.QueryMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import com.google.protobuf.ByteString;
import com.sun.management.OperatingSystemMXBean;
import dev.floe.catalog.CatalogConfig;
import dev.floe.catalog.Catalogs;
import dev.floe.catalog.FloeCatalog;
import dev.floe.config.WalConfig;
import dev.floe.maintain.compaction.CompactionConfig;
import dev.floe.maintain.compaction.CompactionMetrics;
import dev.floe.maintain.compaction.CompactionResult;
import dev.floe.maintain.compaction.Compactor;
import dev.floe.otlp.MappingConfig;
import dev.floe.otlp.OtlpMapper;
import dev.floe.query.api.tempo.TempoApi;
import dev.floe.query.api.tempo.TempoErrors;
import dev.floe.query.scan.ScanStats;
import dev.floe.query.scan.SignalScanner;
import dev.floe.query.traces.ScanTraceSource;
import dev.floe.schema.Signal;
import dev.floe.store.LocalObjectStore;
import dev.floe.traces.TraceRequest;
import dev.floe.wal.SegmentEncoder;
import dev.floe.wal.WalWriter;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;

/**
 * Trace query speed: fills a local WAL with N spans over 24 hours (traces of 1 to 20 spans from 12
 * services, random trace ids, typed attributes, some events), then measures through {@link
 * ScanTraceSource} and the Tempo API's trace by id, first with every span in the WAL, then after
 * compacting them into at least 100 data files: trace by id (median and 90th percentile of 40 ids, and
 * what the scan opened), and full scans of whole traces ({@code {}}-style, and with the hints of {@code
 * { resource.service.name = "x" && duration > 500ms }}) in spans per CPU-second of the whole process.
 *
 * <p>Usage: {@code java -Xmx4g -cp ... dev.floe.bench.TraceQueries [spans, default 10000000] [folder]}.
 */
public final class TraceQueries {
  private static final String TENANT = "bench";
  private static final long DAY_NANOS = Duration.ofDays(1).toNanos();
  private static final int TARGET_FILES = 120;
  private static final int LOOKUPS = 40;
  private static final String[] SERVICES = {
    "frontend", "checkout", "cart", "payment", "shipping", "email", "currency", "ads", "recommendation", "quote",
    "catalog", "accounting"
  };
  private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final LocalObjectStore store;
  private final Table table;
  private final SignalScanner scanner;
  private final AtomicReference<ScanStats> lastScan = new AtomicReference<>();
  private final ScanTraceSource source;
  private final HeapMonitor heap = new HeapMonitor();
  private final long start;
  private final List<byte[]> sampleIds = new ArrayList<>();
  private final int rowsPerSegment;

  private TraceQueries(Path dir, FloeCatalog catalog, long start, long spans) {
    this.store = new LocalObjectStore(dir.resolve("store"));
    this.table = catalog.ensureTables().get(Signal.SPANS);
    this.scanner = new SignalScanner(catalog, store, 256L << 20);
    this.source = new ScanTraceSource(scanner, QueryContext.unbounded(), lastScan::set);
    this.start = start;
    this.rowsPerSegment = (int) Math.max(1000, spans / TARGET_FILES);
  }

  public static void main(String[] args) throws Exception {
    long spans = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("floe-trace-bench");
    FloeCatalog catalog = new FloeCatalog(Catalogs.open(CatalogConfig.embedded(dir.toString())), "floe");
    long start = (System.currentTimeMillis() / 60_000 - 24 * 60 - 1) * 60_000_000_000L;
    TraceQueries bench = new TraceQueries(dir, catalog, start, spans);
    System.out.printf(Locale.ROOT, "Max heap %,d MiB, %d cores, data in %s%n",
        HeapMonitor.maxHeapBytes() >> 20, Runtime.getRuntime().availableProcessors(), dir);
    long began = System.nanoTime();
    bench.fillWal(spans);
    System.out.printf(Locale.ROOT, "WAL: %,d spans in segments of %,d rows, written in %.0f s%n",
        spans, bench.rowsPerSegment, (System.nanoTime() - began) / 1e9);
    Server server = bench.startServer();
    try {
      bench.measureAll("WAL", server.activeLocalPort());
      bench.compact();
      bench.measureAll("Iceberg", server.activeLocalPort());
    } finally {
      server.stop().join();
      bench.heap.close();
      bench.store.close();
    }
  }

  /** Traces of 1 to 20 spans, one request per trace, spread evenly over the day. */
  private void fillWal(long spans) throws InterruptedException {
    OtlpMapper mapper = new OtlpMapper(MappingConfig.defaults());
    WalWriter writer = new WalWriter(store, Signal.SPANS, WalConfig.defaults().shards(), 3);
    SegmentEncoder encoder = new SegmentEncoder(Signal.SPANS.table(), WalConfig.defaults().zstdLevel());
    SplittableRandom random = new SplittableRandom(42);
    List<Record> rows = new ArrayList<>(rowsPerSegment + 20);
    long written = 0;
    int segment = 0;
    long traces = 0;
    while (written < spans) {
      int count = (int) Math.min(1 + random.nextInt(20), spans - written);
      long time = start + 1_000_000_000L + (long) ((double) written / spans * (DAY_NANOS - 2_000_000_000L));
      byte[] traceId = new byte[16];
      random.nextBytes(traceId);
      if (traces++ % Math.max(1, spans / 10 / LOOKUPS) == 0 && sampleIds.size() < LOOKUPS) {
        sampleIds.add(traceId);
      }
      rows.addAll(mapper.mapSpans(TENANT, trace(random, traceId, count, time), time).rowsFor(Signal.SPANS));
      written += count;
      if (rows.size() >= rowsPerSegment || written == spans) {
        writer.append(encoder.encode(rows, Map.of(SegmentEncoder.WRITER_KEY, "bench/" + segment++)));
        rows.clear();
      }
    }
  }

  private static ExportTraceServiceRequest trace(SplittableRandom random, byte[] traceId, int count, long time) {
    Map<String, List<Span>> byService = new LinkedHashMap<>();
    byte[] root = null;
    for (int i = 0; i < count; i++) {
      byte[] spanId = new byte[8];
      random.nextBytes(spanId);
      long startNanos = time + i * 1_000_000L;
      long duration = (long) (Math.exp(random.nextDouble() * 8) * 1_000_000L);
      Span.Builder span = Span.newBuilder()
          .setTraceId(ByteString.copyFrom(traceId))
          .setSpanId(ByteString.copyFrom(spanId))
          .setName((i == 0 ? "GET /api/" : "call ") + SERVICES[random.nextInt(SERVICES.length)])
          .setKindValue(i == 0 ? 2 : 1 + random.nextInt(5))
          .setStartTimeUnixNano(startNanos)
          .setEndTimeUnixNano(startNanos + duration)
          .addAttributes(string("http.method", random.nextInt(4) == 0 ? "POST" : "GET"))
          .addAttributes(KeyValue.newBuilder().setKey("http.status_code")
              .setValue(AnyValue.newBuilder().setIntValue(random.nextInt(50) == 0 ? 500 : 200)))
          .addAttributes(string("net.peer.name", "host-" + random.nextInt(100)))
          .setStatus(Status.newBuilder().setCodeValue(random.nextInt(50) == 0 ? 2 : 0));
      if (root != null) {
        span.setParentSpanId(ByteString.copyFrom(root));
      } else {
        root = spanId;
      }
      if (random.nextInt(10) == 0) {
        span.addEvents(Span.Event.newBuilder().setName("retry").setTimeUnixNano(startNanos + 10)
            .addAttributes(string("reason", "timeout")));
      }
      byService.computeIfAbsent(SERVICES[random.nextInt(SERVICES.length)], s -> new ArrayList<>()).add(span.build());
    }
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    byService.forEach((service, list) -> request.addResourceSpans(ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(string("service.name", service))
            .addAttributes(string("host.name", service + "-pod")))
        .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(list))));
    return request.build();
  }

  private static KeyValue string(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  private Server startServer() {
    ServerBuilder builder = Server.builder().http(new InetSocketAddress("127.0.0.1", 0));
    QueryGate gate = new QueryGate(QueryConfig.defaults().limits());
    BlockingApi endpoints = new BlockingApi(
        "tempo", Duration.ofMinutes(2), TENANT, gate, new QueryMeters(new SimpleMeterRegistry(), gate), TempoErrors::of);
    new TempoApi(context -> source, TENANT, endpoints).addRoutes(builder);
    Server server = builder.build();
    server.start().join();
    return server;
  }

  private void compact() {
    CompactionConfig defaults = CompactionConfig.defaults();
    // One commit per segment, so at least TARGET_FILES data files, as a day of steady compaction leaves.
    CompactionConfig config = new CompactionConfig(defaults.interval(), defaults.targetFileBytes(),
        defaults.maxSegmentBytesPerCommit(), rowsPerSegment);
    long began = System.nanoTime();
    CompactionResult result = new Compactor(Signal.SPANS, table, store, WalConfig.defaults().shards(), config,
        new CompactionMetrics(new SimpleMeterRegistry(), Signal.SPANS), Clock.systemUTC()).compact(() -> true);
    System.out.printf(Locale.ROOT, "%nCompacted %,d rows into %d files in %d commits, %.0f s%n",
        result.rows(), result.files(), result.commits(), (System.nanoTime() - began) / 1e9);
  }

  private void measureAll(String where, int port) throws Exception {
    System.out.printf(Locale.ROOT, "%n== From %s ==%n", where);
    traceById(where, false, port);
    traceById(where, true, port);
    fullScan(where + ": all traces ({} style)", TraceRequest.of(List.of(TENANT), start, start + DAY_NANOS));
    fullScan(where + ": hinted (service checkout, span > 500ms)",
        new TraceRequest(List.of(TENANT), start, start + DAY_NANOS, "checkout", 500_000_000L));
  }

  private void traceById(String where, boolean http, int port) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    double[] millis = new double[sampleIds.size()];
    long spans = 0;
    ScanStats stats = null;
    for (int warm = 0; warm < 3; warm++) {
      source.trace(List.of(TENANT), sampleIds.get(warm), 0, Long.MAX_VALUE);
    }
    long cpu = OS.getProcessCpuTime();
    for (int i = 0; i < sampleIds.size(); i++) {
      long began = System.nanoTime();
      if (http) {
        HttpResponse<byte[]> response = client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/traces/" + HexFormat.of().formatHex(sampleIds.get(i))))
                .header("Accept", "application/protobuf").timeout(Duration.ofMinutes(5)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200 || response.body().length == 0) {
          throw new IllegalStateException("HTTP " + response.statusCode());
        }
      } else {
        spans += source.trace(List.of(TENANT), sampleIds.get(i), 0, Long.MAX_VALUE).size();
      }
      millis[i] = (System.nanoTime() - began) / 1e6;
      stats = lastScan.get();
    }
    double cpuSeconds = (OS.getProcessCpuTime() - cpu) / 1e9;
    Arrays.sort(millis);
    System.out.printf(Locale.ROOT,
        "| %s: trace by id, %s | median %.1f ms | p90 %.1f ms | max %.1f ms | CPU %.1f ms per lookup | last: %d files, %d segments opened, %d row groups read, %d skipped%s |%n",
        where, http ? "HTTP protobuf" : "source", millis[millis.length / 2], millis[millis.length * 9 / 10],
        millis[millis.length - 1], cpuSeconds * 1000 / millis.length, stats.dataFiles(), stats.segments(),
        stats.rowGroupsRead(), stats.rowGroupsSkipped(), http ? "" : String.format(Locale.ROOT, ", %,d spans found", spans));
  }

  private void fullScan(String name, TraceRequest request) {
    System.gc();
    heap.reset();
    long[] counts = new long[3];
    long cpu = OS.getProcessCpuTime();
    long began = System.nanoTime();
    source.traces(request, trace -> {
      counts[0]++;
      counts[1] += trace.spans().size();
      counts[2] = Math.max(counts[2], trace.spans().size());
      return true;
    });
    double wall = (System.nanoTime() - began) / 1e9;
    double cpuSeconds = (OS.getProcessCpuTime() - cpu) / 1e9;
    ScanStats stats = lastScan.get();
    System.out.printf(Locale.ROOT,
        "| %s | %.1f s | CPU %.1f s | %,.0f rows scanned per CPU-s | %,d traces, %,d spans delivered (largest %d) | %d files, %d segments | heap peak %,d MiB, after GC %,d MiB |%n",
        name, wall, cpuSeconds, stats.rows() / cpuSeconds, counts[0], counts[1], counts[2], stats.dataFiles(),
        stats.segments(), heap.peakUsedBytes() >> 20, heap.peakAfterGcBytes() >> 20);
  }
}
