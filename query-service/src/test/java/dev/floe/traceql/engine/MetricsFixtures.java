package dev.floe.traceql.engine;

import dev.floe.traces.Span;
import dev.floe.traces.SpanBuilder;
import java.util.List;

/**
 * Spans for metrics tests, in buckets of 10 s over (990 s, 1030 s]: a1 (api, 100 ms), a2 (db, 400 ms,
 * error) and a3 (db, 200 ms) start in (1000, 1010]; b1 (api, 1 s) in (1010, 1020]; c1 (api, 3 ms) at
 * 1020 s exactly, which a right-closed bucket puts in (1010, 1020].
 */
public final class MetricsFixtures {
  public static final long S = 1_000_000_000L;
  static final long MS = 1_000_000L;

  private MetricsFixtures() {}

  public static List<Span> spans() {
    String a = "0000000000000000000000000000000a";
    return List.of(
        SpanBuilder.span(a, "00000000000000a1").name("a1").service("api").kind(2).time(1005 * S, 100 * MS).build(),
        SpanBuilder.span(a, "00000000000000a2").parent("00000000000000a1").name("a2").service("db").kind(3)
            .status(2, "").time(1006 * S, 400 * MS).build(),
        SpanBuilder.span(a, "00000000000000a3").parent("00000000000000a1").name("a3").service("db").kind(3)
            .time(1007 * S, 200 * MS).build(),
        SpanBuilder.span("0000000000000000000000000000000b", "00000000000000b1").name("b1").service("api").kind(2)
            .time(1015 * S, 1000 * MS).build(),
        SpanBuilder.span("0000000000000000000000000000000c", "00000000000000c1").name("c1").service("api").kind(2)
            .time(1020 * S, 3 * MS).build());
  }
}
