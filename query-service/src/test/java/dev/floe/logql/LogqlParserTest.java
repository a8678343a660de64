package dev.floe.logql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LogqlParserTest {

  static Stream<Arguments> canonical() {
    return Stream.of(
        // Grafana's health check and logs volume query.
        Arguments.of("vector(1)+vector(1)", "vector(1) + vector(1)"),
        Arguments.of(
            "sum by (level) (count_over_time({service_name=\"x\"} | drop __error__ [1m]))",
            "sum by (level) (count_over_time({service_name=\"x\"} | drop __error__ [1m]))"),
        // Stream selectors.
        Arguments.of("{app=\"foo\"}", "{app=\"foo\"}"),
        Arguments.of("{ app = \"foo\" , env!=\"dev\",ns=~\"a|b\", x !~ `c.*` }",
            "{app=\"foo\", env!=\"dev\", ns=~\"a|b\", x!~\"c.*\"}"),
        Arguments.of("{app=\"a\\\"b\\\\c\"}", "{app=\"a\\\"b\\\\c\"}"),
        Arguments.of("{app=\"foo\"} # a comment", "{app=\"foo\"}"),
        Arguments.of("{app=~\"(?P<name>.+)\", env!=\"\"}", "{app=~\"(?P<name>.+)\", env!=\"\"}"),
        Arguments.of("sum by (level) (count_over_time({app=\"x\"} | drop __error__[1m]))",
            "sum by (level) (count_over_time({app=\"x\"} | drop __error__ [1m]))"),
        Arguments.of("{app=\"foo\"} | json | x > -5 | y < 1e-3", "{app=\"foo\"} | json | x>-5 | y<0.001"),
        // Line filters.
        Arguments.of("{app=\"foo\"} |= \"err\" != \"timeout\" |~ `5\\d\\d` !~ \"x\"",
            "{app=\"foo\"} |= \"err\" != \"timeout\" |~ \"5\\\\d\\\\d\" !~ \"x\""),
        Arguments.of("{app=\"foo\"} |> \"<_> error <_>\" !> \"<_> debug\"",
            "{app=\"foo\"} |> \"<_> error <_>\" !> \"<_> debug\""),
        Arguments.of("{app=\"foo\"} |= \"a\" or \"b\" or \"c\"", "{app=\"foo\"} |= \"a\" or \"b\" or \"c\""),
        Arguments.of("{app=\"foo\"} |= ip(\"10.0.0.0/8\") != ip(\"10.1.0.0/16\")",
            "{app=\"foo\"} |= ip(\"10.0.0.0/8\") != ip(\"10.1.0.0/16\")"),
        // Parsers.
        Arguments.of("{app=\"foo\"} | json", "{app=\"foo\"} | json"),
        Arguments.of("{app=\"foo\"} | json first=\"servers[0]\", ua=\"request.headers[\\\"User-Agent\\\"]\", method",
            "{app=\"foo\"} | json first=\"servers[0]\", ua=\"request.headers[\\\"User-Agent\\\"]\", method"),
        Arguments.of("{app=\"foo\"} | logfmt", "{app=\"foo\"} | logfmt"),
        Arguments.of("{app=\"foo\"} | logfmt --strict --keep-empty msg, lvl=\"level\"",
            "{app=\"foo\"} | logfmt --strict --keep-empty msg, lvl=\"level\""),
        Arguments.of("{app=\"foo\"} | regexp \"(?P<method>\\\\w+) (?P<path>[\\\\w|/]+)\"",
            "{app=\"foo\"} | regexp \"(?P<method>\\\\w+) (?P<path>[\\\\w|/]+)\""),
        Arguments.of("{app=\"foo\"} | pattern `<ip> - - <_> \"<method> <uri> <_>\"`",
            "{app=\"foo\"} | pattern \"<ip> - - <_> \\\"<method> <uri> <_>\\\"\""),
        Arguments.of("{app=\"foo\"} | unpack", "{app=\"foo\"} | unpack"),
        // Label filters.
        Arguments.of("{app=\"foo\"} | logfmt | level=\"error\"", "{app=\"foo\"} | logfmt | level=\"error\""),
        Arguments.of("{app=\"foo\"} | status >= 400 and method=~\"GET|POST\"",
            "{app=\"foo\"} | status>=400 and method=~\"GET|POST\""),
        Arguments.of("{app=\"foo\"} | a=\"1\", b!=\"2\" c>3", "{app=\"foo\"} | a=\"1\" and b!=\"2\" and c>3"),
        Arguments.of("{app=\"foo\"} | a=\"1\" or b=\"2\" and c=\"3\"",
            "{app=\"foo\"} | a=\"1\" or b=\"2\" and c=\"3\""),
        Arguments.of("{app=\"foo\"} | (a=\"1\" or b=\"2\") and c=\"3\"",
            "{app=\"foo\"} | (a=\"1\" or b=\"2\") and c=\"3\""),
        Arguments.of("{app=\"foo\"} | a=\"1\" and (b=\"2\" and c=\"3\")",
            "{app=\"foo\"} | a=\"1\" and (b=\"2\" and c=\"3\")"),
        Arguments.of("{app=\"foo\"} | duration > 1m30s or latency <= 250ms",
            "{app=\"foo\"} | duration>1m30s or latency<=250ms"),
        Arguments.of("{app=\"foo\"} | size > 20MB and size < 1.5GiB", "{app=\"foo\"} | size>20MB and size<1.5GiB"),
        Arguments.of("{app=\"foo\"} | status = 200 | status == 201 | status != -1.5",
            "{app=\"foo\"} | status==200 | status==201 | status!=-1.5"),
        Arguments.of("{app=\"foo\"} | addr = ip(\"192.168.0.1-192.168.0.9\") | addr != ip(\"::1\")",
            "{app=\"foo\"} | addr=ip(\"192.168.0.1-192.168.0.9\") | addr!=ip(\"::1\")"),
        // Formatting, keep, drop, decolorize, distinct.
        Arguments.of("{app=\"foo\"} | line_format \"{{.status}} {{.msg | ToUpper}}\"",
            "{app=\"foo\"} | line_format \"{{.status}} {{.msg | ToUpper}}\""),
        Arguments.of("{app=\"foo\"} | label_format dst=src, msg=`{{.a}}-{{.b}}`",
            "{app=\"foo\"} | label_format dst=src, msg=\"{{.a}}-{{.b}}\""),
        Arguments.of("{app=\"foo\"} | keep level, host=\"a\" | drop __error__, __error_details__, tmp=~\"x.*\"",
            "{app=\"foo\"} | keep level, host=\"a\" | drop __error__, __error_details__, tmp=~\"x.*\""),
        Arguments.of("{app=\"foo\"} | decolorize | distinct host,level",
            "{app=\"foo\"} | decolorize | distinct host, level"),
        // Range aggregations.
        Arguments.of("count_over_time({app=\"foo\"}[5m])", "count_over_time({app=\"foo\"} [5m])"),
        Arguments.of("rate({app=\"foo\"} |= \"err\" [1m] offset 1h)",
            "rate({app=\"foo\"} |= \"err\" [1m] offset 1h)"),
        Arguments.of("rate({app=\"foo\"}[90s] |= \"err\")", "rate({app=\"foo\"} |= \"err\" [1m30s])"),
        Arguments.of("bytes_over_time(({app=\"foo\"} | json)[1d])", "bytes_over_time({app=\"foo\"} | json [1d])"),
        Arguments.of("bytes_rate({app=\"foo\"}[1w])", "bytes_rate({app=\"foo\"} [7d])"),
        Arguments.of("absent_over_time({app=\"foo\"}[5m])", "absent_over_time({app=\"foo\"} [5m])"),
        Arguments.of("sum_over_time({app=\"foo\"} | logfmt | unwrap bytes [5m])",
            "sum_over_time({app=\"foo\"} | logfmt | unwrap bytes [5m])"),
        Arguments.of("avg_over_time({app=\"foo\"} | logfmt | unwrap duration(d) | __error__=\"\" [5m]) by (host)",
            "avg_over_time({app=\"foo\"} | logfmt | unwrap duration(d) | __error__=\"\" [5m]) by (host)"),
        Arguments.of("max_over_time({app=\"foo\"} | unwrap duration_seconds(d) [5m]) without (pod)",
            "max_over_time({app=\"foo\"} | unwrap duration_seconds(d) [5m]) without (pod)"),
        Arguments.of("min_over_time({app=\"foo\"} | unwrap bytes(size) [5m])",
            "min_over_time({app=\"foo\"} | unwrap bytes(size) [5m])"),
        Arguments.of("quantile_over_time(0.99, {app=\"foo\"} | json | unwrap latency [5m]) by (path)",
            "quantile_over_time(0.99, {app=\"foo\"} | json | unwrap latency [5m]) by (path)"),
        Arguments.of("rate_counter({app=\"foo\"} | unwrap n [5m])", "rate_counter({app=\"foo\"} | unwrap n [5m])"),
        Arguments.of("rate({app=\"foo\"} | unwrap n [5m])", "rate({app=\"foo\"} | unwrap n [5m])"),
        Arguments.of("stddev_over_time({a=\"b\"} | unwrap n [5m]) + stdvar_over_time({a=\"b\"} | unwrap n [5m])",
            "stddev_over_time({a=\"b\"} | unwrap n [5m]) + stdvar_over_time({a=\"b\"} | unwrap n [5m])"),
        Arguments.of("first_over_time({a=\"b\"} | unwrap n [5m]) - last_over_time({a=\"b\"} | unwrap n [5m])",
            "first_over_time({a=\"b\"} | unwrap n [5m]) - last_over_time({a=\"b\"} | unwrap n [5m])"),
        // Vector aggregations.
        Arguments.of("sum(rate({a=\"b\"}[1m])) by (x, y)", "sum by (x, y) (rate({a=\"b\"} [1m]))"),
        Arguments.of("avg without (x) (rate({a=\"b\"}[1m]))", "avg without (x) (rate({a=\"b\"} [1m]))"),
        Arguments.of("count by () (rate({a=\"b\"}[1m]))", "count by () (rate({a=\"b\"} [1m]))"),
        Arguments.of("topk(5, sum by (x) (rate({a=\"b\"}[1m])))", "topk(5, sum by (x) (rate({a=\"b\"} [1m])))"),
        Arguments.of("bottomk by (x) (2, rate({a=\"b\"}[1m]))", "bottomk by (x) (2, rate({a=\"b\"} [1m]))"),
        Arguments.of("sort_desc(max(rate({a=\"b\"}[1m])))", "sort_desc(max(rate({a=\"b\"} [1m])))"),
        Arguments.of("sort(min(rate({a=\"b\"}[1m])))", "sort(min(rate({a=\"b\"} [1m])))"),
        Arguments.of("stddev(rate({a=\"b\"}[1m])) / stdvar(rate({a=\"b\"}[1m]))",
            "stddev(rate({a=\"b\"} [1m])) / stdvar(rate({a=\"b\"} [1m]))"),
        Arguments.of("approx_topk(3, rate({a=\"b\"}[1m]))", "approx_topk(3, rate({a=\"b\"} [1m]))"),
        // Binary operations, literals, label_replace.
        Arguments.of("rate({a=\"b\"}[1m]) > bool 0.5", "rate({a=\"b\"} [1m]) > bool 0.5"),
        Arguments.of("rate({a=\"b\"}[1m]) / on (x) group_left (y) rate({c=\"d\"}[1m])",
            "rate({a=\"b\"} [1m]) / on (x) group_left (y) rate({c=\"d\"} [1m])"),
        Arguments.of("rate({a=\"b\"}[1m]) * ignoring(x) group_right rate({c=\"d\"}[1m])",
            "rate({a=\"b\"} [1m]) * ignoring (x) group_right () rate({c=\"d\"} [1m])"),
        Arguments.of("rate({a=\"b\"}[1m]) unless rate({c=\"d\"}[1m]) or vector(0)",
            "rate({a=\"b\"} [1m]) unless rate({c=\"d\"} [1m]) or vector(0)"),
        Arguments.of("-1 + 2.50 * 1e3 - +4 % 3", "-1 + 2.5 * 1000 - 4 % 3"),
        Arguments.of("2 ^ 3 ^ 2", "2 ^ 3 ^ 2"),
        Arguments.of("(2 ^ 3) ^ 2", "(2 ^ 3) ^ 2"),
        Arguments.of("(1 + 2) * 3", "(1 + 2) * 3"),
        Arguments.of("1 - (2 - 3)", "1 - (2 - 3)"),
        Arguments.of("((vector(1)))", "vector(1)"),
        Arguments.of("label_replace(rate({a=\"b\"}[1m]), \"dst\", \"$1\", \"src\", \"(.*)\")",
            "label_replace(rate({a=\"b\"} [1m]), \"dst\", \"$1\", \"src\", \"(.*)\")"),
        Arguments.of("sum(count_over_time({a=\"b\"}[5m] offset 1h30m))",
            "sum(count_over_time({a=\"b\"} [5m] offset 1h30m))"),
        Arguments.of("{a=\"b\"}\n  |= \"x\"\n  | json", "{a=\"b\"} |= \"x\" | json"));
  }

  @ParameterizedTest
  @MethodSource("canonical")
  void printsCanonicalLogqlThatParsesBackToTheSameTree(String query, String expected) {
    Expr parsed = LogqlParser.parse(query);
    assertThat(parsed).hasToString(expected);
    assertThat(LogqlParser.parse(parsed.toString())).isEqualTo(parsed);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("{app=\"foo\"", "parse error at line 1, col 11: syntax error: unexpected $end, expecting COMMA"),
        Arguments.of("{app=\"foo\"} | foo", "parse error at line 1, col 15: syntax error: unexpected IDENTIFIER"),
        Arguments.of("{app=\"foo\"} |= 5", "parse error at line 1, col 16: syntax error: unexpected NUMBER, expecting STRING"),
        Arguments.of("{app=~\".*\"}",
            "parse error at line 1, col 1: queries require at least one regexp or equality matcher that does not "
                + "have an empty-compatible value. For instance, app=~\".*\" does not meet this requirement, but "
                + "app=~\".+\" will"),
        Arguments.of("{}", "parse error at line 1, col 1: queries require at least one regexp or equality matcher "
            + "that does not have an empty-compatible value. For instance, app=~\".*\" does not meet this "
            + "requirement, but app=~\".+\" will"),
        Arguments.of("sum_over_time({a=\"b\"}[5m])",
            "parse error at line 1, col 1: invalid aggregation sum_over_time without unwrap"),
        Arguments.of("count_over_time({a=\"b\"} | unwrap x [5m])",
            "parse error at line 1, col 1: invalid aggregation count_over_time with unwrap"),
        Arguments.of("quantile_over_time({a=\"b\"} | unwrap x [5m])",
            "parse error at line 1, col 1: parameter required for operation quantile_over_time"),
        Arguments.of("count_over_time({a=\"b\"}[5m]) by (x)",
            "parse error at line 1, col 1: grouping not allowed for count_over_time aggregation"),
        Arguments.of("count_over_time({a=\"b\"})",
            "parse error at line 1, col 24: syntax error: unexpected CLOSE_PARENTHESIS, expecting RANGE"),
        Arguments.of("sum({a=\"b\"})",
            "parse error at line 1, col 5: syntax error: unexpected log query, a metric query needs a range "
                + "aggregation such as count_over_time"),
        Arguments.of("{a=\"b\"} | unwrap x",
            "parse error at line 1, col 11: syntax error: unexpected UNWRAP"),
        Arguments.of("{a=\"b\"}[5m]", "parse error at line 1, col 8: syntax error: unexpected RANGE"),
        Arguments.of("topk(rate({a=\"b\"}[1m]))",
            "parse error at line 1, col 1: parameter required for operation topk"),
        Arguments.of("topk(1.5, rate({a=\"b\"}[1m]))",
            "parse error at line 1, col 1: invalid parameter for operation topk: must be a positive integer"),
        Arguments.of("rate({a=\"b\"}[1m]) + bool 1",
            "parse error at line 1, col 19: bool modifier can only be used on comparison operators"),
        Arguments.of("rate({a=\"b\"}[1m]) and 1",
            "parse error at line 1, col 19: unexpected literal for right leg of logical/set binary operation (and)"),
        Arguments.of("{a=\"b\"} |~ \"(\"",
            "parse error at line 1, col 12: error parsing regexp: missing closing ): `(`"),
        Arguments.of("{a=\"b\"} |= \"x", "parse error at line 1, col 12: literal not terminated"),
        Arguments.of("rate({a=\"b\"}[5x])", "parse error at line 1, col 13: syntax error: invalid range [5x]"),
        Arguments.of("{a=\"b\"}\n | json\n | x > \"y\"",
            "parse error at line 3, col 8: syntax error: unexpected STRING"),
        Arguments.of("{a=\"b\"} | logfmt --lenient",
            "parse error at line 1, col 18: syntax error: unexpected PARSER_FLAG --lenient"),
        Arguments.of("sum by (x) (rate({a=\"b\"}[1m])) by (y)",
            "parse error at line 1, col 32: syntax error: unexpected BY"),
        Arguments.of("vector(1) +", "parse error at line 1, col 12: syntax error: unexpected $end"),
        Arguments.of("sum_over_time({a=\"b\"} | unwrap x | json [1m])",
            "parse error at line 1, col 36: syntax error: unexpected JSON"),
        Arguments.of("{a=\"b\"} |~ ip(\"1.2.3.4\")",
            "parse error at line 1, col 12: syntax error: unexpected IP, ip() only works with |= and !="),
        Arguments.of("rate({a=\"b\"}[1m]) and on (x) group_left rate({c=\"d\"}[1m])",
            "parse error at line 1, col 19: no grouping allowed for \"and\" operation"),
        Arguments.of("count_over_time(0.5, {a=\"b\"}[1m])",
            "parse error at line 1, col 1: parameter not allowed for operation count_over_time"),
        Arguments.of("label_replace(rate({a=\"b\"}[1m]), \"d\", \"r\", \"s\", \"(\")",
            "parse error at line 1, col 49: error parsing regexp: missing closing ): `(`"),
        Arguments.of("{a=\"b\"} | json a=", "parse error at line 1, col 18: syntax error: unexpected $end, expecting STRING"),
        Arguments.of("{a=\"b\"} | keep", "parse error at line 1, col 15: syntax error: unexpected $end, expecting IDENTIFIER"),
        Arguments.of("{a=\"b\"} | unwrap foo(x)", "parse error at line 1, col 11: syntax error: unexpected UNWRAP"));
  }

  @Test
  void exceptionCarriesThePosition() {
    assertThatThrownBy(() -> LogqlParser.parse("{a=\"b\"}\n| json\n| !"))
        .isInstanceOfSatisfying(
            LogqlParseException.class,
            e -> {
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.column()).isEqualTo(3);
              assertThat(e.detail()).isEqualTo("syntax error: unexpected character '!'");
            });
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void rejectsInvalidQueriesWithLokiMessages(String query, String message) {
    assertThatThrownBy(() -> LogqlParser.parse(query))
        .isInstanceOf(LogqlParseException.class)
        .hasMessage(message);
  }
}
