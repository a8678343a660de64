package dev.floe.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.lang.LabelMatcher;
import dev.floe.lang.MatchType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromqlParserTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\u0000', textBlock = """
      1                                            | 1
      -1                                           | -1
      +1                                           | 1
      0x1F                                         | 31
      0xFFFFFFFFFFFFFFFFFFFF                       | 1208925819614629200000000
      1e3                                          | 1000
      1.5e-3                                       | 0.0015
      .5                                           | 0.5
      5.                                           | 5
      Inf                                          | +Inf
      -inf                                         | -Inf
      NaN                                          | NaN
      5m                                           | 300
      "a\\tb"                                      | "a\\tb"
      'single "q"'                                 | "single \\"q\\""
      "\\u00e9\\x41\\101"                           | "éAA"
      "\\xc3\\xa9\\303\\251"                        | "éé"
      `raw\\n`                                     | "raw\\\\n"
      foo                                          | foo
      foo:bar:rate5m                               | foo:bar:rate5m
      foo{a="b"}                                   | foo{a="b"}
      foo{g!~"h", a="b", c!="d", e=~"f.*",}        | foo{a="b",c!="d",e=~"f.*",g!~"h"}
      {__name__="foo"}                             | {__name__="foo"}
      {"foo.bar", "a.b"="c"}                       | {"foo.bar","a.b"="c"}
      {on="x", by="y"}                             | {by="y",on="x"}
      foo offset 5m                                | foo offset 5m
      foo offset -90m                              | foo offset -1h30m
      foo offset 7d                                | foo offset 1w
      foo @ 100                                    | foo @ 100.000
      foo @ 100s                                   | foo @ 100.000
      foo @ start()                                | foo @ start()
      foo offset 5m @ end()                        | foo @ end() offset 5m
      foo[5m]                                      | foo[5m]
      foo[1h30m] offset 1d                         | foo[1h30m] offset 1d
      foo[300]                                     | foo[5m]
      foo[5m] @ 10 offset 1m                       | foo[5m] @ 10.000 offset 1m
      rate(foo[5m])[30m:1m]                        | rate(foo[5m])[30m:1m]
      foo[10m:]                                    | foo[10m:]
      (foo + bar)[5m:] offset 1m                   | (foo + bar)[5m:] offset 1m
      rate(foo[5m])                                | rate(foo[5m])
      round(foo, 0.1)                              | round(foo, 0.1)
      hour()                                       | hour()
      label_join(foo, "dst", ",", "a", "b")        | label_join(foo, "dst", ",", "a", "b")
      time()                                       | time()
      sum(foo)                                     | sum(foo)
      SUM BY (job) (foo)                           | sum by (job) (foo)
      sum(foo) by (job, instance)                  | sum by (job, instance) (foo)
      sum by () (foo)                              | sum(foo)
      sum without () (foo)                         | sum without () (foo)
      avg without (a,) (foo)                       | avg without (a) (foo)
      topk(3, foo)                                 | topk(3, foo)
      quantile by (a) (0.9, foo)                   | quantile by (a) (0.9, foo)
      count_values("value", foo)                   | count_values("value", foo)
      foo + on (a) group_left (b) bar              | foo + on (a) group_left (b) bar
      foo * ignoring (a) group_right bar           | foo * ignoring (a) group_right () bar
      foo == bool on () bar                        | foo == bool on () bar
      foo and ignoring () bar                      | foo and bar
      foo atan2 bar                                | foo atan2 bar
      1 < bool 2                                   | 1 < bool 2
      -foo                                         | -foo
      -(foo)                                       | -(foo)
      foo # comment\\n + bar                  | foo + bar
      """)
  void printsCanonicalForm(String query, String canonical) {
    String unescaped = query.replace("\\n", "\n").replace("\\\\", "\\");
    Expr expr = PromqlParser.parse(unescaped);
    assertThat(expr.toString()).isEqualTo(canonical.replace("\\\\", "\\"));
    assertThat(PromqlParser.parse(expr.toString())).isEqualTo(expr);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\u0000', textBlock = """
      1 + 2 * 3                   | ADD
      1 * 2 + 3                   | ADD
      2 ^ 3 ^ 2                   | POW
      -2 ^ 2                      | -
      a or b and c                | OR
      a and b or c                | OR
      a unless b == c             | UNLESS
      a == b + c                  | EQLC
      a - b - c                   | SUB
      a / b % c                   | MOD
      """)
  void usesPrometheusPrecedence(String query, String rootOp) {
    Expr expr = PromqlParser.parse(query);
    if (rootOp.equals("-")) {
      assertThat(expr).isInstanceOf(UnaryExpr.class);
      assertThat(((UnaryExpr) expr).expr()).isInstanceOf(BinaryExpr.class);
      return;
    }
    assertThat(expr).isInstanceOf(BinaryExpr.class);
    assertThat(((BinaryExpr) expr).op()).isEqualTo(BinaryOp.valueOf(rootOp));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\u0000', textBlock = """
      2 ^ 3 ^ 2     | 2 ^ (3 ^ 2)
      a - b - c     | (a - b) - c
      1 + 2 * 3     | 1 + (2 * 3)
      a or b and c  | a or (b and c)
      -a * b        | (-a) * b
      """)
  void groupsLikeExplicitParentheses(String query, String grouped) {
    assertThat(stripParens(PromqlParser.parse(query))).isEqualTo(stripParens(PromqlParser.parse(grouped)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\u0000', textBlock = """
      ''                                  | 1:1: parse error: no expression found in input
      foo{bar=}                           | 1:9: parse error: unexpected "}" in label matching, expected string
      foo{bar}                            | 1:8: parse error: unexpected "}" in label matching, expected label matching operator
      foo{bar="a"                         | 1:12: parse error: unexpected end of input in label matching, expected "," or "}"
      {}                                  | 1:1: parse error: vector selector must contain at least one non-empty matcher
      {a=~".*"}                           | 1:1: parse error: vector selector must contain at least one non-empty matcher
      foo{a=~"("}                         | 1:5: parse error: error parsing regexp: missing closing ): `(`
      (foo                                | 1:1: parse error: unclosed left parenthesis
      foo)                                | 1:4: parse error: unexpected ")"
      foo +                               | 1:6: parse error: unexpected end of input
      foo bar                             | 1:5: parse error: unexpected identifier "bar"
      1 == 1                              | 1:1: parse error: comparisons between scalars must use BOOL modifier
      foo + bool bar                      | 1:1: parse error: bool modifier can only be used on comparison operators
      1 and foo                           | 1:1: parse error: set operator "and" not allowed in binary scalar expression
      1 + on (a) foo                      | 1:1: parse error: vector matching only allowed between instant vectors
      foo and on (a) group_left bar       | 1:1: parse error: no grouping allowed for "and" operation
      foo + on (a) group_left (a) bar     | 1:1: parse error: label "a" must not occur in ON and GROUP clause at once
      foo[5m] + 1                         | 1:1: parse error: binary expression must contain only scalar and instant vector types
      -foo[5m]                            | 1:2: parse error: unary expression only allowed on expressions of type scalar or instant vector, got "range vector"
      rate(foo)                           | 1:1: parse error: expected type range vector in call to function "rate", got instant vector
      abs(foo[5m])                        | 1:1: parse error: expected type instant vector in call to function "abs", got range vector
      rate()                              | 1:1: parse error: expected 1 argument(s) in call to "rate", got 0
      round(foo, 1, 2)                    | 1:1: parse error: expected at most 2 argument(s) in call to "round", got 3
      label_join(foo, "a")                | 1:1: parse error: expected at least 3 argument(s) in call to "label_join", got 2
      nope(foo)                           | 1:1: parse error: unknown function with name "nope"
      sort_by_label(foo, "a")             | 1:1: parse error: function "sort_by_label" is not enabled
      sum(foo[5m])                        | 1:1: parse error: expected type instant vector in aggregation expression, got range vector
      topk(foo)                           | 1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 1
      topk("a", foo)                      | 1:1: parse error: expected type scalar in aggregation parameter, got string
      count_values(1, foo)                | 1:1: parse error: expected type string in aggregation parameter, got scalar
      sum by (a) (foo) by (b)             | 1:18: parse error: aggregation must only contain one grouping clause
      sum()                               | 1:4: parse error: no arguments for aggregate expression provided
      (foo)[5m]                           | 1:6: parse error: ranges only allowed for vector selectors
      foo offset 1m [5m]                  | 1:15: parse error: no offset modifiers allowed before range
      foo offset 1m offset 2m             | 1:15: parse error: offset may not be set multiple times
      foo @ 1 @ 2                         | 1:9: parse error: @ <timestamp> may not be set multiple times
      (foo) offset 1m                     | 1:7: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery
      foo[5m][10m:]                       | 1:1: parse error: subquery is only allowed on instant vector, got range vector instead
      foo[5x]                             | 1:5: parse error: bad number or duration syntax: "5x"
      foo[1m1h]                           | 1:5: parse error: not a valid duration string: "1m1h"
      "abc                                | 1:1: parse error: unterminated quoted string
      foo{a="\\q"}                        | 1:8: parse error: unknown escape sequence 'q'
      foo !! bar                          | 1:5: parse error: unexpected character after '!': '!'
      foo\\n  + by                        | 2:5: parse error: unexpected identifier "by"
      foo[99999999999999999999y]          | 1:5: parse error: not a valid duration string: "99999999999999999999y"
      0x                                  | 1:1: parse error: bad number or duration syntax: "0x"
      "\\x+1"                             | 1:4: parse error: illegal character in escape sequence
      "\\U00110000"                       | 1:4: parse error: escape sequence is invalid Unicode code point
      """)
  void reportsErrors(String query, String message) {
    String unescaped = query.equals("''") ? "" : query.replace("\\n", "\n").replace("\\\\", "\\");
    assertThatThrownBy(() -> PromqlParser.parse(unescaped))
        .isInstanceOf(PromqlParseException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\u0000', textBlock = """
      info(foo, {data=~".*"})                 | info(foo, {data=~".*"})
      h </ 10                                 | h </ 10
      h >/ on (a) b                           | h >/ on (a) b
      sort_by_label(foo, "a", "b")            | sort_by_label(foo, "a", "b")
      histogram_quantiles(h, "q", 0.5, 0.9)   | histogram_quantiles(h, "q", 0.5, 0.9)
      limitk(2, foo)                          | limitk(2, foo)
      vector(step()) * max_of(1, 2)           | vector(step()) * max_of(1, 2)
      rate(foo[1m] anchored)                  | rate(foo[1m] anchored)
      foo offset -100 smoothed                | foo offset -1m40s smoothed
      a + on(b) group_left fill(0) c          | a + on (b) group_left () fill(0) c
      a + fill_left(5) fill_right(-Inf) c     | a + fill_left(5) fill_right(-Inf) c
      foo[1h30m % 1h]                         | foo[30m]
      foo[2m * (10 + 5):20 * 500ms]           | foo[30m:10s]
      foo[-5m + 35m]                          | foo[30m]
      foo offset (2 ^ 2)                      | foo offset 4s
      foo offset -(min_of(3s, 10) - 5)        | foo offset 2s
      foo offset 5m + 1                       | foo offset 5m + 1
      foo[step() * 2]                         | foo[step() * 2]
      foo[1 + (STep() - 5) * 2]               | foo[1 + (step() - 5) * 2]
      foo[5m:min_of(step(), 1m)]              | foo[5m:min_of(step(), 60)]
      foo offset -step() * 2                  | foo offset (-step() * 2)
      foo offset (range())                    | foo offset (range())
      """)
  void parsesExperimentalFeaturesWhenEnabled(String query, String canonical) {
    Expr expr = PromqlParser.parse(query, true);
    assertThat(expr.toString()).isEqualTo(canonical);
    assertThat(PromqlParser.parse(expr.toString(), true)).isEqualTo(expr);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\u0000', textBlock = """
      h </ 10                   | 1:3: parse error: operator "</" is experimental and must be enabled with --enable-feature=promql-experimental-functions
      limitk(2, foo)            | 1:1: parse error: limitk() is experimental and must be enabled with --enable-feature=promql-experimental-functions
      info(foo, {data=~".*"})   | 1:1: parse error: function "info" is not enabled
      foo + {a=~".*"}           | 1:7: parse error: vector selector must contain at least one non-empty matcher
      """)
  void rejectsExperimentalFeaturesByDefault(String query, String message) {
    assertThatThrownBy(() -> PromqlParser.parse(query))
        .isInstanceOf(PromqlParseException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\u0000', textBlock = """
      deriv(foo[3m] anchored)          | 1:1: parse error: anchored modifier can only be used with: changes, delta, increase, rate, resets - not with deriv
      resets(foo[3m] smoothed)         | 1:1: parse error: smoothed modifier can only be used with: delta, increase, rate - not with resets
      foo[5m] + 1 fill(0) bar          | 1:1: parse error: binary expression must contain only scalar and instant vector types
      foo[step() + ]                   | 1:14: parse error: unexpected "]" in duration expression, expected number or duration
      """)
  void checksExperimentalFeatures(String query, String message) {
    assertThatThrownBy(() -> PromqlParser.parse(query, true))
        .isInstanceOf(PromqlParseException.class)
        .hasMessage(message);
  }

  @Test
  void exposesPositionAndDetail() {
    assertThatThrownBy(() -> PromqlParser.parse("sum(foo) +\n  foo{bar=}"))
        .isInstanceOfSatisfying(PromqlParseException.class, e -> {
          assertThat(e.line()).isEqualTo(2);
          assertThat(e.column()).isEqualTo(11);
          assertThat(e.offset()).isEqualTo(21);
          assertThat(e.detail()).isEqualTo("unexpected \"}\" in label matching, expected string");
        });
  }

  @Test
  void buildsTypedTree() {
    Expr expr = PromqlParser.parse("sum by (job) (rate(http_requests_total{code=~\"5..\"}[5m] offset 1m))");
    assertThat(expr).isEqualTo(new AggregateExpr(
        AggregateOp.SUM,
        null,
        new Call(Functions.get("rate"), List.of(new MatrixSelector(
            new VectorSelector("http_requests_total", List.of(new LabelMatcher("code", MatchType.REGEX, "5..")),
                60_000, null),
            300_000))),
        List.of("job"),
        false));
    assertThat(expr.type()).isEqualTo(ValueType.VECTOR);
  }

  @Test
  void everyFunctionHasAConsistentSignature() {
    assertThat(Functions.all()).hasSizeGreaterThan(70);
    Functions.all().forEach((name, function) -> {
      assertThat(function.name()).isEqualTo(name);
      assertThat(function.variadic() == 0 || !function.argTypes().isEmpty()).isTrue();
    });
  }

  private static Expr stripParens(Expr expr) {
    if (expr instanceof ParenExpr paren) {
      return stripParens(paren.expr());
    }
    if (expr instanceof BinaryExpr binary) {
      return new BinaryExpr(binary.op(), stripParens(binary.lhs()), stripParens(binary.rhs()), binary.returnBool(),
          binary.matching());
    }
    if (expr instanceof UnaryExpr unary) {
      return new UnaryExpr(stripParens(unary.expr()));
    }
    return expr;
  }

  /** Byte escapes that are not valid UTF-8 stay recognisably invalid, as Go keeps such bytes. */
  @Test
  void invalidUtf8ByteEscapesAreKeptApart() {
    StringLiteral literal = (StringLiteral) PromqlParser.parse("\"a\\xc5z\"");
    assertThat(literal.value()).hasSize(3);
    assertThat(literal.value().charAt(1)).isNotEqualTo('\u00c5');
    assertThat(Character.isSurrogate(literal.value().charAt(1))).isTrue();
  }
}
