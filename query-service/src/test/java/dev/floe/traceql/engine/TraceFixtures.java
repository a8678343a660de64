package dev.floe.traceql.engine;

import dev.floe.traces.Span;
import dev.floe.traces.SpanBuilder;
import dev.floe.traces.Trace;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Tempo's test trace shape: a root, two children (one with a child of its own) and a span whose parent
 * is not in the trace, which takes part in no structural relation.
 */
public final class TraceFixtures {
  static final String TRACE = "00000000000000000000000000000001";
  static final long MS = 1_000_000L;
  static final long T0 = 1_000_000_000_000L; // 1000 s

  private TraceFixtures() {}

  public static List<Span> spans() {
    return List.of(
        SpanBuilder.span(TRACE, "0000000000000001").name("GET /").kind(2).service("frontend")
            .time(T0, 100 * MS).attr("http.status_code", "200", "int").attr("http.method", "GET")
            .resource("deployment.environment", "prod").build(),
        SpanBuilder.span(TRACE, "0000000000000002").parent("0000000000000001").name("db.query").kind(3)
            .status(2, "boom").service("backend").time(T0 + 10 * MS, 50 * MS)
            .attr("db.rows", "5", "int").attr("ratio", "0.5", "double").attr("cached", "true", "bool")
            .attr("tags", "{\"arrayValue\":{\"values\":[{\"stringValue\":\"a\"},{\"stringValue\":\"b\"}]}}", "array")
            .event(T0 + 20 * MS, "exception", Map.of("exception.type", "IOError")).build(),
        SpanBuilder.span(TRACE, "0000000000000003").parent("0000000000000001").name("cache.get").kind(3)
            .status(1, "").service("backend").time(T0 + 20 * MS, 10 * MS).attr("db.rows", "1", "int")
            .link("000000000000000000000000000000ff", "00000000000000aa", Map.of("link.kind", "follows")).build(),
        SpanBuilder.span(TRACE, "0000000000000004").parent("0000000000000002").name("disk.read").kind(1)
            .service("backend").time(T0 + 30 * MS, 5 * MS).build(),
        SpanBuilder.span(TRACE, "0000000000000005").parent("0000000000000099").name("orphan").kind(4)
            .service("worker").scope("lib", "2.0").time(T0 + 50 * MS, MS).build());
  }

  static Trace trace() {
    return new Trace(HexFormat.of().parseHex(TRACE), spans());
  }
}
