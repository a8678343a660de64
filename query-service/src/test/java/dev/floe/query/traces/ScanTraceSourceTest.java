package dev.floe.query.traces;

import dev.floe.lang.QueryContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.floe.otlp.MappingConfig;
import dev.floe.otlp.OtlpMapper;
import dev.floe.query.scan.ScanFixture;
import dev.floe.query.scan.ScanStats;
import dev.floe.schema.Signal;
import dev.floe.store.LocalObjectStore;
import dev.floe.traces.Span;
import dev.floe.traces.Trace;
import dev.floe.traces.TraceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole traces from WAL segments and data files, merged by trace id; trace by id with pruning. */
class ScanTraceSourceTest {
  private static final long NOW = System.currentTimeMillis() * 1_000_000L;
  private static final OtlpMapper MAPPER = new OtlpMapper(MappingConfig.defaults());

  @TempDir Path dir;
  private LocalObjectStore store;
  private ScanFixture fixture;
  private final AtomicReference<ScanStats> lastScan = new AtomicReference<>();
  private ScanTraceSource source;

  @BeforeEach
  void setUp() {
    store = new LocalObjectStore(dir.resolve("store"));
    fixture = new ScanFixture(dir, store);
    source = new ScanTraceSource(fixture.scanner(store), QueryContext.unbounded(), lastScan::set);
  }

  @AfterEach
  void tearDown() throws Exception {
    fixture.close();
  }

  static byte[] id(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  private static io.opentelemetry.proto.trace.v1.Span span(byte[] traceId, int number, long durationMillis) {
    return io.opentelemetry.proto.trace.v1.Span.newBuilder()
        .setTraceId(ByteString.copyFrom(traceId))
        .setSpanId(ByteString.copyFrom(new byte[] {0, 0, 0, 0, 0, 0, 1, (byte) number}))
        .setName("span-" + number)
        .setStartTimeUnixNano(NOW + number)
        .setEndTimeUnixNano(NOW + number + durationMillis * 1_000_000L)
        .build();
  }

  /** Rows of {@code spans} from service {@code service} of {@code tenant}, as ingest maps them. */
  private static List<Record> rows(String tenant, String service, io.opentelemetry.proto.trace.v1.Span... spans) {
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(
                        Resource.newBuilder()
                            .addAttributes(
                                KeyValue.newBuilder()
                                    .setKey("service.name")
                                    .setValue(AnyValue.newBuilder().setStringValue(service))))
                    .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans))))
            .build();
    return MAPPER.mapSpans(tenant, request, NOW).rowsFor(Signal.SPANS);
  }

  private void append(List<Record> first, List<Record> second) {
    List<Record> rows = new ArrayList<>(first);
    rows.addAll(second);
    fixture.append(Signal.SPANS, rows);
  }

  private List<String> read(TraceRequest request) {
    List<String> traces = new ArrayList<>();
    source.traces(request, trace -> traces.add(describe(trace)));
    return traces;
  }

  private static String describe(Trace trace) {
    return trace.spans().get(0).tenant() + " " + HexFormat.of().formatHex(trace.traceId()) + " "
        + trace.spans().stream().map(Span::name).sorted().toList();
  }

  private static final byte[] A = id("0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a");
  private static final byte[] B = id("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");

  @Test
  void tracesComeWholeFromSegmentsAndDataFilesWithTenantsApart() {
    append(rows("tenant-a", "front", span(A, 1, 5), span(A, 2, 5)), rows("tenant-b", "front", span(A, 9, 5)));
    append(rows("tenant-a", "front", span(A, 3, 5)), rows("tenant-a", "back", span(B, 1, 700)));
    fixture.compact(Signal.SPANS);
    append(rows("tenant-a", "front", span(A, 4, 5)), rows("tenant-a", "front", span(B, 2, 5)));

    List<String> all = read(TraceRequest.of(List.of("tenant-a", "tenant-b"), 0, Long.MAX_VALUE));

    assertThat(all)
        .containsExactly(
            "tenant-a 0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a [span-1, span-2, span-3, span-4]",
            "tenant-a 0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b [span-1, span-2]",
            "tenant-b 0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a [span-9]");
    assertThat(lastScan.get().dataFiles()).isGreaterThan(0);
    assertThat(lastScan.get().segments()).isEqualTo(1);
    assertThat(read(TraceRequest.of(List.of("tenant-b"), 0, Long.MAX_VALUE)))
        .containsExactly("tenant-b 0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a [span-9]");

    assertThat(source.trace(List.of("tenant-a"), A, 0, Long.MAX_VALUE)).extracting(Span::name)
        .containsExactlyInAnyOrder("span-1", "span-2", "span-3", "span-4");
    assertThat(source.trace(List.of("tenant-a", "tenant-b"), A, 0, Long.MAX_VALUE)).hasSize(5);
    assertThat(source.trace(List.of("tenant-a"), id("0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c"), 0, Long.MAX_VALUE)).isEmpty();
  }

  @Test
  void hintsLeaveOutTracesWithoutAQualifyingSpanButDeliverTheOthersWhole() {
    append(rows("tenant-a", "front", span(A, 1, 5), span(A, 2, 900)), rows("tenant-a", "back", span(B, 1, 600)));
    fixture.compact(Signal.SPANS);
    append(rows("tenant-a", "front", span(B, 2, 5)), rows("tenant-a", "back", span(A, 3, 5)));

    assertThat(read(new TraceRequest(List.of("tenant-a"), 0, Long.MAX_VALUE, "back", 500_000_000L)))
        .containsExactly("tenant-a 0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b [span-1, span-2]");
    assertThat(read(new TraceRequest(List.of("tenant-a"), 0, Long.MAX_VALUE, null, 800_000_000L)))
        .containsExactly("tenant-a 0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a [span-1, span-2, span-3]");

    List<String> first = new ArrayList<>();
    source.traces(TraceRequest.of(List.of("tenant-a"), 0, Long.MAX_VALUE), trace -> first.add(describe(trace)) && false);
    assertThat(first).hasSize(1);
  }

  @Test
  void traceByIdReadsOnlyTheFilesAndRowGroupsThatMayHoldIt() {
    // Three data files over disjoint id ranges: Iceberg's statistics leave one file to open.
    for (int file = 1; file <= 3; file++) {
      List<io.opentelemetry.proto.trace.v1.Span> spans = new ArrayList<>();
      for (int trace = 0; trace < 20; trace++) {
        spans.add(span(id(String.format("%02x%030x", file, trace)), trace, 1));
      }
      fixture.append(Signal.SPANS, rows("tenant-a", "front", spans.toArray(io.opentelemetry.proto.trace.v1.Span[]::new)));
      fixture.compact(Signal.SPANS);
    }
    byte[] wanted = id(String.format("%02x%030x", 2, 7));
    assertThat(source.trace(List.of("tenant-a"), wanted, 0, Long.MAX_VALUE)).extracting(Span::name).containsExactly("span-7");
    assertThat(lastScan.get().dataFiles()).isEqualTo(1);

    // Three more over the whole id range: their statistics cannot rule the id out, their bloom filters do.
    for (int file = 4; file <= 6; file++) {
      List<io.opentelemetry.proto.trace.v1.Span> spans = new ArrayList<>();
      spans.add(span(id("00000000000000000000000000000001"), 90 + file, 1));
      spans.add(span(id("ffffffffffffffffffffffffffffff01"), 80 + file, 1));
      for (int trace = 0; trace < 20; trace++) {
        spans.add(span(id(String.format("%02x%030x", 0x40 + file, trace)), trace, 1));
      }
      fixture.append(Signal.SPANS, rows("tenant-a", "front", spans.toArray(io.opentelemetry.proto.trace.v1.Span[]::new)));
      fixture.compact(Signal.SPANS);
    }
    byte[] middle = id(String.format("%02x%030x", 0x45, 3));
    assertThat(source.trace(List.of("tenant-a"), middle, 0, Long.MAX_VALUE)).extracting(Span::name).containsExactly("span-3");
    assertThat(lastScan.get().dataFiles()).isEqualTo(3);
    assertThat(lastScan.get().rowGroupsRead()).isEqualTo(1);
    assertThat(lastScan.get().rowGroupsSkipped()).isEqualTo(2);

    // WAL segments carry bloom filters too.
    for (int segment = 0; segment < 3; segment++) {
      fixture.append(Signal.SPANS, rows("tenant-a", "front",
          span(id("00000000000000000000000000000001"), 70 + segment, 1),
          span(id(String.format("%02x%030x", 0x80, segment)), 60 + segment, 1),
          span(id("ffffffffffffffffffffffffffffff01"), 50 + segment, 1)));
    }
    assertThat(source.trace(List.of("tenant-a"), id(String.format("%02x%030x", 0x80, 1)), 0, Long.MAX_VALUE))
        .extracting(Span::name).containsExactly("span-61");
    assertThat(lastScan.get().segments()).isEqualTo(3);
    assertThat(lastScan.get().rowGroupsRead()).isEqualTo(1);
  }
}
