package dev.floe.traceql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.traceql.Static;
import dev.floe.traceql.TraceqlParser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * TraceQL over {@link TraceFixtures}: spans R ("GET /", server, frontend), its children B ("db.query",
 * client, error) and C ("cache.get", client, ok), B's child G ("disk.read") and the disconnected D
 * ("orphan"). Each row is a query and the names of the spans it returns.
 */
class SpansetEvaluatorTest {
  private static final String R = "GET /";
  private static final String B = "db.query";
  private static final String C = "cache.get";
  private static final String G = "disk.read";
  private static final String D = "orphan";

  private static final Object[][] CASES = {
    {"{}", List.of(R, B, C, G, D)},
    {"{ true }", List.of(R, B, C, G, D)},
    {"{ false }", List.of()},
    // attributes, typed values, missing attributes
    {"{ .http.method = \"GET\" }", List.of(R)},
    {"{ span.\"http.method\" = \"GET\" }", List.of(R)},
    {"{ span.http.status_code = 200 }", List.of(R)},
    {"{ span.http.status_code != 200 }", List.of()},
    {"{ span.http.status_code = \"200\" }", List.of()},
    {"{ .db.rows > 2 }", List.of(B)},
    {"{ .db.rows != 5 }", List.of(C)},
    {"{ .db.rows >= 1.0 }", List.of(B, C)},
    {"{ .ratio = 0.5 }", List.of(B)},
    {"{ .cached = true }", List.of(B)},
    {"{ .tags = \"a\" }", List.of(B)},
    {"{ .tags != \"c\" }", List.of(B)},
    {"{ .tags != \"a\" }", List.of()},
    {"{ .tags =~ \"b\" }", List.of(B)},
    {"{ .http.method = nil }", List.of(B, C, G, D)},
    {"{ .http.method != nil }", List.of(R)},
    {"{ resource.service.name = \"backend\" }", List.of(B, C, G)},
    {"{ .service.name = \"worker\" }", List.of(D)},
    {"{ span.service.name = \"worker\" }", List.of()},
    {"{ resource.deployment.environment = \"prod\" }", List.of(R)},
    {"{ .http.method > \"GAA\" && .http.method < \"GEZ\" }", List.of(R)},
    // regexes are anchored
    {"{ name =~ \"db.*|cache.*\" }", List.of(B, C)},
    {"{ name =~ \"query\" }", List.of()},
    {"{ name !~ \"d.*\" }", List.of(R, C, D)},
    // intrinsics, legacy and scoped
    {"{ status = error }", List.of(B)},
    {"{ span:status = ok }", List.of(C)},
    {"{ status = unset }", List.of(R, G, D)},
    {"{ status != ok }", List.of(R, B, G, D)},
    {"{ statusMessage = \"boom\" }", List.of(B)},
    {"{ span:statusMessage = \"boom\" }", List.of(B)},
    {"{ kind = client }", List.of(B, C)},
    {"{ span:kind = server }", List.of(R)},
    {"{ kind = producer }", List.of(D)},
    {"{ duration > 20ms }", List.of(R, B)},
    {"{ span:duration <= 5ms }", List.of(G, D)},
    {"{ name = \"GET /\" }", List.of(R)},
    {"{ span:name = \"orphan\" }", List.of(D)},
    {"{ traceDuration > 50ms }", List.of(R, B, C, G, D)},
    {"{ trace:duration < 50ms }", List.of()},
    {"{ rootName = \"GET /\" }", List.of(R, B, C, G, D)},
    {"{ trace:rootName = \"x\" }", List.of()},
    {"{ rootServiceName = \"frontend\" && trace:rootService = \"frontend\" }", List.of(R, B, C, G, D)},
    {"{ span:childCount = 2 }", List.of(R)},
    {"{ span:childCount = 0 }", List.of(C, G, D)},
    {"{ span:id = \"0000000000000002\" }", List.of(B)},
    {"{ span:parentID = \"0000000000000001\" }", List.of(B, C)},
    {"{ trace:id = \"00000000000000000000000000000001\" }", List.of(R, B, C, G, D)},
    {"{ event:name = \"exception\" }", List.of(B)},
    {"{ event.exception.type = \"IOError\" }", List.of(B)},
    {"{ event:timeSinceStart > 5ms }", List.of(B)},
    {"{ event:name = \"exception\" && event.exception.type = \"nope\" }", List.of()},
    {"{ link:traceID = \"000000000000000000000000000000ff\" }", List.of(C)},
    {"{ link:spanID = \"00000000000000aa\" }", List.of(C)},
    {"{ link.link.kind = \"follows\" }", List.of(C)},
    {"{ instrumentation:name = \"lib\" }", List.of(R, B, C, G, D)},
    {"{ instrumentation:version = \"2.0\" }", List.of(D)},
    {"{ nestedSetParent = -1 }", List.of(R)},
    {"{ nestedSetLeft = 0 }", List.of(D)},
    {"{ nestedSetRight > 4 }", List.of(R, B, C)},
    // arithmetic and logic
    {"{ .db.rows + 1 = 6 }", List.of(B)},
    {"{ .db.rows * 2 > 5 }", List.of(B)},
    {"{ -.db.rows < -2 }", List.of(B)},
    {"{ .db.rows ^ 2 = 25 }", List.of(B)},
    {"{ .db.rows % 2 = 1 }", List.of(B, C)},
    {"{ duration / 2 > 20ms }", List.of(R, B)},
    {"{ !(kind = client) }", List.of(R, G, D)},
    {"{ .http.method = \"GET\" || status = error }", List.of(R, B)},
    {"{ .http.method = \"GET\" && status = error }", List.of()},
    {"{ (kind = client || kind = server) && duration > 40ms }", List.of(R, B)},
    // spanset operators
    {"{ kind = server } && { status = error }", List.of(R, B)},
    {"{ kind = server } && { name = \"nope\" }", List.of()},
    {"{ name = \"nope\" } || { status = error }", List.of(B)},
    {"{ kind = server } > { kind = client }", List.of(B, C)},
    {"{ kind = server } > { }", List.of(B, C)},
    {"{ kind = server } >> { }", List.of(B, C, G)},
    {"{ name = \"disk.read\" } < { }", List.of(B)},
    {"{ name = \"disk.read\" } << { }", List.of(R, B)},
    {"{ name = \"db.query\" } ~ { }", List.of(C)},
    {"{ } ~ { }", List.of(B, C)},
    {"{ kind = server } !> { }", List.of(R, G, D)},
    {"{ kind = server } !>> { }", List.of(R, D)},
    {"{ name = \"disk.read\" } !< { }", List.of(R, C, G, D)},
    {"{ name = \"disk.read\" } !<< { }", List.of(C, G, D)},
    {"{ name = \"db.query\" } !~ { }", List.of(R, B, G, D)},
    {"{ kind = server } &> { kind = client }", List.of(R, B, C)},
    {"{ kind = server } &>> { name = \"disk.read\" }", List.of(R, G)},
    {"{ name = \"disk.read\" } &< { }", List.of(B, G)},
    {"{ name = \"disk.read\" } &<< { }", List.of(R, B, G)},
    {"{ name = \"db.query\" } &~ { }", List.of(B, C)},
    {"{ name = \"orphan\" } >> { }", List.of()},
    {"{ } !>> { name = \"orphan\" }", List.of(D)},
    {"{ } > { } > { }", List.of(G)},
    // pipelines
    {"{ } | count() > 4", List.of(R, B, C, G, D)},
    {"{ } | count() > 5", List.of()},
    {"{ resource.service.name = \"backend\" } | count() = 3", List.of(B, C, G)},
    {"{ } | avg(duration) > 30ms", List.of(R, B, C, G, D)},
    {"{ } | avg(duration) > 40ms", List.of()},
    {"{ } | max(duration) >= 100ms", List.of(R, B, C, G, D)},
    {"{ } | min(duration) < 2ms", List.of(R, B, C, G, D)},
    {"{ } | sum(.db.rows) = 6", List.of(R, B, C, G, D)},
    {"{ } | by(resource.service.name) | count() > 1", List.of(B, C, G)},
    {"{ } | by(kind) | count() = 2 | coalesce()", List.of(B, C)},
    {"{ status = error } | { kind = client }", List.of(B)},
    {"({ kind = server } | count() = 1) && ({ kind = client } | count() = 2)", List.of(R, B, C)},
    {"({ kind = server } | count() = 2) || ({ kind = client } | count() = 2)", List.of(B, C)},
    {"({ kind = server } | count() = 1) > ({ kind = client } | count() = 2)", List.of(B, C)},
    {"count() = 5 | { kind = server }", List.of(R)},
    {"3 < count() | { kind = server }", List.of(R)},
    {"{ } | select(span.db.rows)", List.of(R, B, C, G, D)},
    {"{ kind = client } with(most_recent=true)", List.of(B, C)},
  };

  @Test
  void evaluatesTempoSemantics() {
    for (Object[] row : CASES) {
      String query = (String) row[0];
      assertThat(names(query)).as(query).isEqualTo(new TreeSet<>((List<?>) row[1]));
    }
  }

  @Test
  void groupsAndAggregatesBecomeSpansetAttributes() {
    List<Spanset> sets = evaluate("{ } | by(resource.service.name) | count() > 1");
    assertThat(sets).hasSize(1);
    assertThat(sets.get(0).attributes()).containsExactly(
        Map.entry("by(resource.service.name)", Static.ofString("backend")), Map.entry("count()", Static.ofInt(3)));
    assertThat(evaluate("{ } | by(kind)")).hasSize(4);
    assertThat(evaluate("{ } | avg(duration) > 1ms").get(0).scalar()).isEqualTo(Static.ofDuration(33_200_000));
  }

  @Test
  void structuralOperatorsNeedOneSpansetASide() {
    assertThatThrownBy(() -> evaluate("({ } | by(kind)) > { }"))
        .isInstanceOf(TraceqlQueryException.class)
        .hasMessageContaining("consider using coalesce()");
  }

  @Test
  void numbersTheNestedSet() {
    TraceView view = TraceView.of(TraceFixtures.trace());
    assertThat(view.rows()).extracting(r -> r.span().name() + ":" + r.left() + "," + r.right() + "," + r.parent())
        .containsExactly("GET /:1,8,-1", "db.query:2,5,1", "cache.get:6,7,1", "disk.read:3,4,2", "orphan:0,0,0");
  }

  @Test
  void relatesChainsAndSeveralRoots() {
    String t = "000000000000000000000000000000aa";
    dev.floe.traces.Trace trace = new dev.floe.traces.Trace(java.util.HexFormat.of().parseHex(t), List.of(
        dev.floe.traces.SpanBuilder.span(t, "0000000000000001").name("r1").time(1, 10).build(),
        dev.floe.traces.SpanBuilder.span(t, "0000000000000002").name("a").parent("0000000000000001").time(2, 5).build(),
        dev.floe.traces.SpanBuilder.span(t, "0000000000000003").name("b").parent("0000000000000002").time(3, 3).build(),
        dev.floe.traces.SpanBuilder.span(t, "0000000000000004").name("c").parent("0000000000000003").time(4, 1).build(),
        dev.floe.traces.SpanBuilder.span(t, "0000000000000005").name("r2").time(5, 10).build()));
    Object[][] cases = {
      {"{ name = \"r1\" } ~ { }", List.of("r2")},
      {"{ name = \"c\" } << { }", List.of("r1", "a", "b")},
      {"{ name = \"a\" } >> { }", List.of("b", "c")},
      {"{ name = \"b\" } !>> { }", List.of("r1", "a", "b", "r2")},
      {"{ name = \"b\" } &>> { }", List.of("b", "c")},
      {"{ name = \"b\" } &<< { }", List.of("r1", "a", "b")},
      {"{ name = \"a\" || name = \"c\" } < { }", List.of("r1", "b")},
    };
    for (Object[] row : cases) {
      Set<String> names = new SpansetEvaluator().evaluate(TraceqlParser.parse((String) row[0]).spans(), TraceView.of(trace))
          .stream().flatMap(s -> s.spans().stream()).map(r -> r.span().name()).collect(Collectors.toCollection(TreeSet::new));
      assertThat(names).as((String) row[0]).isEqualTo(new TreeSet<>((List<?>) row[1]));
    }
  }

  private static List<Spanset> evaluate(String query) {
    return new SpansetEvaluator().evaluate(TraceqlParser.parse(query).spans(), TraceView.of(TraceFixtures.trace()));
  }

  private static Set<String> names(String query) {
    return evaluate(query).stream()
        .flatMap(s -> s.spans().stream())
        .map(r -> r.span().name())
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
