package dev.floe.traceql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceqlParserTest {

  @ParameterizedTest
  @ValueSource(strings = {
    "{}",
    "{ true }",
    "{ .foo = \"bar\" }",
    "{ span.http.status_code >= 500 && resource.service.name =~ `api.*` }",
    "{ span.\"a b\" = 1 }",
    "{ .attr.\"x y\" != nil }",
    "{ name = \"GET /\" || status = error }",
    "{ kind = server && status != ok && statusMessage = \"x\" }",
    "{ duration > 1.5s && traceDuration < 2h && rootName = \"r\" && rootServiceName = \"s\" }",
    "{ span:name = \"a\" && span:status = error && span:kind = client && span:duration > 1ms }",
    "{ span:id = \"0000000000000001\" && span:parentID = \"x\" && span:childCount > 1 && span:statusMessage = \"m\" }",
    "{ trace:duration > 1s && trace:rootName = \"a\" && trace:rootService = \"b\" && trace:id = \"1\" }",
    "{ event:name = \"e\" && event:timeSinceStart > 1ms && event.foo = 1 }",
    "{ link:traceID = \"a\" && link:spanID = \"b\" && link.x = true }",
    "{ instrumentation:name = \"a\" && instrumentation:version = \"1\" && instrumentation.x = 1 }",
    "{ nestedSetLeft > 0 && nestedSetRight > 0 && nestedSetParent = -1 }",
    "{ .a + 1 > 2 * .b - 3 ^ 2 && -.c < 0 && .d % 2 = 0 && .e / 2 = 1 }",
    "{ !(.a = 1) }",
    "{ .a = 1.5e3 && .b = -2 && .c = maxInt && .d = minInt }",
    "{ .a } > { .b }",
    "{ .a } >> { .b } < { .c } << { .d } ~ { .e }",
    "{ .a } !> { .b } !< { .c } !>> { .d } !<< { .e } !~ { .f }",
    "{ .a } &> { .b } &< { .c } &>> { .d } &<< { .e } &~ { .f }",
    "{ .a } && { .b } || { .c }",
    "({ .a } | count() > 1) && ({ .b } | count() > 1)",
    "({ .a } | count() > 1) >> ({ .b } | avg(duration) > 1s)",
    "{ .a } | by(resource.service.name) | count() > 1",
    "{ .a } | coalesce()",
    "{ .a } | select(span.foo, resource.bar, name)",
    "{ .a } | max(duration) > 3s | min(.x) < 2 | sum(.x) = 4 | avg(.x) >= 1",
    "count() = 1 | { true }",
    "max(duration) > 3s | { .a = 1 }",
    "{} with(most_recent=true)",
    "{} with(sample=0.1, exemplars=10)",
    "{} | rate()",
    "{} | rate() by (resource.service.name, span:name)",
    "{} | count_over_time() by (name)",
    "{} | sum_over_time(duration)",
    "{} | min_over_time(span.x) by (.y)",
    "{} | max_over_time(duration)",
    "{} | avg_over_time(duration)",
    "{} | quantile_over_time(duration, .5, 0.9, 1)",
    "{} | histogram_over_time(duration) by (kind)",
    "{} | compare({status = error})",
    "{} | compare({status = error}, 5, 1000, 2000)",
    "{} | rate() | topk(5)",
    "{} | rate() | bottomk(2) > 10",
    "{} | rate() > 1",
    "({ .a } | rate()) / ({} | rate())",
    "100 * ({ status = error } | rate())",
    "({} | rate()) * 2 + 1",
    "({} | rate() | topk(3)) - ({} | rate())",
    "({} | rate()) + ({} | count_over_time()) > 5",
    "{ status = error } | rate() with(exemplars=5)",
    // as Grafana's search builder and Traces Drilldown write them
    "{resource.service.name=\"frontend\" && name=\"GET /api\" && duration>100ms && status=error}",
    "{resource.service.name=~\"a|b\" && traceDuration>=1s}",
    "{nestedSetParent<0 && true && status=error} | rate() by(resource.service.name)",
    "{nestedSetParent<0 && true} | histogram_over_time(duration)",
    "{nestedSetParent<0 && true} | quantile_over_time(duration, 0.5, 0.9, 0.99) by(resource.service.name)",
    "{} | select(status, resource.service.name, name, nestedSetParent, nestedSetLeft, nestedSetRight)",
    "{nestedSetParent<0 && resource.service.name=\"a\"} &>> {status=error} | select(span.x)",
    "{nestedSetParent<0} | compare({status = error}, 10, 1700000000000000000, 1700000060000000000)",
    "{ span.http.status_code = 200 } | rate() by (span.http.status_code) | topk(10)",
    "{ .foo = \"bar\" } | select(span.foo) with (most_recent=true)",
    "{} | rate() with(sample=true)",
  })
  void parsesTempoQueries(String query) {
    assertThat(TraceqlParser.parse(query)).isNotNull();
  }

  private static final String[][] ERRORS = {
    {"{ .a = }", "parse error at line 1, col 8: syntax error: unexpected CLOSE_BRACE"},
    {"{ .a = 1", "parse error at line 1, col 9: syntax error: unexpected $end"},
    {"{ trace:name = \"a\" }", "parse error at line 1, col 9: syntax error: unexpected IDENT name"},
    {"{ span:rootName = \"a\" }", "parse error at line 1, col 8: syntax error: unexpected IDENT rootName"},
    {"{ trace:rootServiceName = \"a\" }", "parse error at line 1, col 9: syntax error: unexpected IDENT rootServiceName"},
    {"{ .a = \"x\" \n && foo }", "parse error at line 2, col 5: unknown identifier: foo"},
    {"{ .a = 1 } | count()", "parse error at line 1, col 21: syntax error: unexpected $end"},
    {"{ 1 = \"a\" }", "binary operations must operate on the same type: (1 = \"a\")"},
    {"{ name = 1 }", "binary operations must operate on the same type: (name = 1)"},
    {"{ status = \"x\" }", "binary operations must operate on the same type: (status = \"x\")"},
    {"{ .a =~ 1 }", "illegal operation for the given types: (.a =~ 1)"},
    {"{ .a =~ \"(\" }", "invalid regex: \"(\""},
    {"{ name = nil }", "name=nil is not valid because intrinsics cannot be nil"},
    {"{ resource.service.name = nil }", "resource.service.name=nil is not valid because resource.service.name cannot be nil"},
    {"{ 1 + 2 }", "span filter field expressions must resolve to a boolean: { (1 + 2) }"},
    {"{ .a } | by(1)", "grouping field expressions must reference the span: by(1)"},
    {"{ .a } | avg(name) > 1", "aggregate field expressions must resolve to a number type: avg(name)"},
    {"{ .a } | min(.a) < max(duration)", "scalar filters other than aggregate compared with a literal not yet supported"},
    {"{ parent.foo = 1 }", "parent not yet supported"},
    {"{} | compare({}) | topk(1)", "`compare()` cannot be used with second stage functions"},
    {"{} | rate() | topk(0)", "limit parameter must be greater than 0 for topk and bottomk"},
    {"{} with(nope=1)", "parse error at line 1, col 9: unknown hint: nope"},
    {"{ .a = \"x }", "parse error at line 1, col 8: literal not terminated"},
    {"{ .a = \"\\q\" }", "parse error at line 1, col 8: invalid syntax: unknown escape sequence \\q"},
  };

  @Test
  void rejectsWithTempoMessages() {
    for (String[] row : ERRORS) {
      assertThatThrownBy(() -> TraceqlParser.parse(row[0]))
          .as(row[0])
          .isInstanceOf(TraceqlParseException.class)
          .hasMessage(row[1]);
    }
  }

  @Test
  void readsAttributesScopesAndQuotedNames() {
    SpansetFilter filter = (SpansetFilter) TraceqlParser.parse("{ span.\"a \\\"b\\\"\".c = `x\\y` }").spans();
    BinaryExpr eq = (BinaryExpr) filter.expr();
    Attribute a = (Attribute) eq.lhs();
    assertThat(a.scope()).isEqualTo(AttributeScope.SPAN);
    assertThat(a.name()).isEqualTo("a \"b\".c");
    assertThat(((Static) eq.rhs()).asString()).isEqualTo("x\\y");
    assertThat(TraceqlParser.parseIdentifier("resource.service.name").text()).isEqualTo("resource.service.name");
    assertThat(TraceqlParser.parseIdentifier("span:name").intrinsic()).isEqualTo(Intrinsic.NAME);
    assertThat(TraceqlParser.parseIdentifier("event:name").intrinsic()).isEqualTo(Intrinsic.EVENT_NAME);
    assertThat(TraceqlParser.parseIdentifier(".http.method").scope()).isEqualTo(AttributeScope.NONE);
    assertThatThrownBy(() -> TraceqlParser.parseIdentifier("app.user.id"))
        .hasMessageStartingWith("failed to parse identifier app.user.id: ");
  }

  @Test
  void followsTempoPrecedence() {
    SpansetOperation and = (SpansetOperation) TraceqlParser.parse("{ .a } && { .b } > { .c }").spans();
    assertThat(and.op()).isEqualTo(SpansetOperator.AND);
    assertThat(((SpansetOperation) and.rhs()).op()).isEqualTo(SpansetOperator.CHILD);
    BinaryExpr or = (BinaryExpr) ((SpansetFilter) TraceqlParser.parse("{ .a = 1 || .b = 2 && .c = 3 }").spans()).expr();
    assertThat(or.op()).isEqualTo(Operator.AND); // && and || share one level, left to right
    Pipeline pipeline = (Pipeline) TraceqlParser.parse("{ .a } | { .b } && { .c } | count() > 2").spans();
    assertThat(pipeline.stages()).hasSize(3);
    assertThat(((UnaryExpr) ((SpansetFilter) TraceqlParser.parse("{ nil != .a }").spans()).expr()).op())
        .isEqualTo(Operator.EXISTS);
  }

  @Test
  void readsDurationsAndMetricsArguments() {
    BinaryExpr gt = (BinaryExpr) ((SpansetFilter) TraceqlParser.parse("{ duration > 1h30m }").spans()).expr();
    assertThat(((Static) gt.rhs()).asLong()).isEqualTo(5_400_000_000_000L);
    MetricsExpr.Query q = (MetricsExpr.Query)
        TraceqlParser.parse("{} | quantile_over_time(duration, .5, 0.99) by (span.a) | topk(2) > 1").metrics();
    assertThat(q.aggregate().quantiles()).containsExactly(0.5, 0.99);
    assertThat(q.aggregate().by()).extracting(Attribute::text).containsExactly("span.a");
    assertThat(q.stages()).containsExactly(new SecondStage.TopK(false, 2), new SecondStage.Filter(Operator.GT, 1));
    MetricsExpr.Math math = (MetricsExpr.Math) TraceqlParser.parse("({} | rate()) + 2 * ({} | rate())").metrics();
    assertThat(math.op()).isEqualTo(Operator.ADD);
    assertThat(math.rhs()).isInstanceOf(MetricsExpr.Math.class);
    assertThat(TraceqlParser.parse("{} with(most_recent=true)").mostRecent()).isTrue();
    assertThat(List.of(TraceqlParser.parse("{}").isMetrics(), TraceqlParser.parse("{} | rate()").isMetrics()))
        .containsExactly(false, true);
  }
}
