package dev.floe.logql.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ParserStageTest {
  // The example line of Loki's json parser documentation.
  private static final String DOCS_JSON = "{\"protocol\": \"HTTP/2.0\", \"servers\": [\"129.0.1.1\",\"10.2.1.3\"],"
      + " \"request\": {\"time\": \"6.032\", \"method\": \"GET\", \"host\": \"foo.grafana.net\", \"size\": \"55\","
      + " \"headers\": {\"Accept\": \"*/*\", \"User-Agent\": \"curl/7.68.0\"}},"
      + " \"response\": {\"status\": 401, \"size\": \"228\", \"latency_seconds\": \"6.031\"}}";
  private static final String DOCS_LOGFMT =
      "at=info method=GET path=/ host=grafana.net fwd=\"124.133.124.161\" service=8ms status=200";
  private static final String DOCS_ACCESS_LOG = "0.191.12.2 - - [10/Jun/2021:09:14:29 +0000] "
      + "\"GET /api/plugins/versioncheck HTTP/1.1\" 200 2 \"-\" \"Go-http-client/2.0\" "
      + "\"13.76.247.102, 34.120.177.193\" \"TLSv1.2\" \"US\" \"\"";

  static Stream<Arguments> parsers() {
    return Stream.of(
        // json: nested members joined with _, names sanitized, arrays skipped.
        Arguments.of("| json", DOCS_JSON,
            "{app=\"a\", protocol=\"HTTP/2.0\", request_headers_Accept=\"*/*\", "
                + "request_headers_User_Agent=\"curl/7.68.0\", request_host=\"foo.grafana.net\", "
                + "request_method=\"GET\", request_size=\"55\", request_time=\"6.032\", "
                + "response_latency_seconds=\"6.031\", response_size=\"228\", response_status=\"401\"}"),
        Arguments.of("| json", "{\"ok\": true, \"n\": -1.5e3, \"none\": null, \"1st\": \"x\", \"a.b\": \"y\"}",
            "{_1st=\"x\", a_b=\"y\", app=\"a\", n=\"-1.5e3\", ok=\"true\"}"),
        Arguments.of("| json", "{\"msg\": \"say \\\"hi\\\"\\n\\u00e9\"}", "{app=\"a\", msg=\"say \\\"hi\\\"\\né\"}"),
        Arguments.of("| json", "{\"app\": \"other\"}", "{app=\"a\", app_extracted=\"other\"}"),
        Arguments.of("| json", "{\"a\": {\"app\": \"x\"}}", "{a_app=\"x\", app=\"a\"}"),
        Arguments.of("| json", "not json",
            "{__error__=\"JSONParserErr\", __error_details__=\"Value looks like object, but can't find closing '}' symbol\", app=\"a\"}"),
        Arguments.of("| json", "{\"a\": \"1\", \"b\" 2}",
            "{__error__=\"JSONParserErr\", __error_details__=\"Malformed JSON error\", a=\"1\", app=\"a\"}"),
        Arguments.of("| json | __error__=\"\"", "not json", "dropped"),
        Arguments.of("| json | __error__!=\"JSONParserErr\"", "{\"a\": 1}", "{a=\"1\", app=\"a\"}"),
        Arguments.of("| json | drop __error__, __error_details__", "[1]", "{app=\"a\"}"),
        // json with parameters: paths into the line; objects and arrays keep their JSON text.
        Arguments.of("| json first_server=\"servers[0]\", ua=\"request.headers[\\\"User-Agent\\\"]\"", DOCS_JSON,
            "{app=\"a\", first_server=\"129.0.1.1\", ua=\"curl/7.68.0\"}"),
        Arguments.of("| json server_list=\"servers\", headers=\"request.headers\"", DOCS_JSON,
            "{app=\"a\", headers=\"{\\\"Accept\\\": \\\"*/*\\\", \\\"User-Agent\\\": \\\"curl/7.68.0\\\"}\", "
                + "server_list=\"[\\\"129.0.1.1\\\",\\\"10.2.1.3\\\"]\"}"),
        Arguments.of("| json protocol, status=\"response.status\", missing=\"nope.x\"", DOCS_JSON,
            "{app=\"a\", protocol=\"HTTP/2.0\", status=\"401\"}"),
        Arguments.of("| json app=\"protocol\"", DOCS_JSON, "{app=\"a\", app_extracted=\"HTTP/2.0\"}"),
        Arguments.of("| json x=\"a\"", "plain text", "{__error__=\"JSONParserErr\", app=\"a\"}"),
        // logfmt.
        Arguments.of("| logfmt", DOCS_LOGFMT,
            "{app=\"a\", at=\"info\", fwd=\"124.133.124.161\", host=\"grafana.net\", method=\"GET\", "
                + "path=\"/\", service=\"8ms\", status=\"200\"}"),
        Arguments.of("| logfmt host, fwd_ip=\"fwd\"", DOCS_LOGFMT,
            "{app=\"a\", fwd_ip=\"124.133.124.161\", host=\"grafana.net\"}"),
        Arguments.of("| logfmt", "app=web msg=\"a \\\"quoted\\\" word\" x.y=1",
            "{app=\"a\", app_extracted=\"web\", msg=\"a \\\"quoted\\\" word\", x_y=\"1\"}"),
        // Lenient by default: a malformed pair is skipped and parsing goes on.
        Arguments.of("| logfmt", "a=1 b=x\"y c=3", "{a=\"1\", app=\"a\", c=\"3\"}"),
        Arguments.of("| logfmt --strict", "a=1 b=x\"y c=3",
            "{__error__=\"LogfmtParserErr\", __error_details__=\"logfmt syntax error at pos 8 : unexpected '\\\"'\", "
                + "a=\"1\", app=\"a\"}"),
        Arguments.of("| logfmt --strict", "a=1 msg=\"unterminated",
            "{__error__=\"LogfmtParserErr\", __error_details__=\"logfmt syntax error at pos 22 : unterminated quoted value\", "
                + "a=\"1\", app=\"a\"}"),
        // Keys without a value are skipped unless --keep-empty keeps them (empty, so a number filter fails on them).
        Arguments.of("| logfmt | a > 1", "a= b=2", "dropped"),
        Arguments.of("| logfmt --keep-empty | a > 1", "a= b=2",
            "{__error__=\"LabelFilterErr\", __error_details__=\"strconv.ParseFloat: parsing \\\"\\\": invalid syntax\", "
                + "app=\"a\", b=\"2\"}"),
        // regexp: named groups of the first match.
        Arguments.of("| regexp \"(?P<method>\\\\w+) (?P<path>[\\\\w|/]+) \\\\((?P<status>\\\\d+?)\\\\) (?P<duration>.*)\"",
            "POST /api/prom/api/v1/query_range (200) 1.5s",
            "{app=\"a\", duration=\"1.5s\", method=\"POST\", path=\"/api/prom/api/v1/query_range\", status=\"200\"}"),
        Arguments.of("| regexp \"(?P<app>\\\\w+)=(?P<value_1>\\\\d+)\"", "web=42", "{app=\"a\", app_extracted=\"web\", value_1=\"42\"}"),
        Arguments.of("| regexp \"(?P<code>\\\\d{3})\"", "no digits here", "{app=\"a\"}"),
        // pattern: captures up to the next literal.
        Arguments.of("| pattern `<ip> - - <_> \"<method> <uri> <_>\" <status> <size> <_> \"<agent>\" <_>`",
            DOCS_ACCESS_LOG,
            "{agent=\"Go-http-client/2.0\", app=\"a\", ip=\"0.191.12.2\", method=\"GET\", size=\"2\", status=\"200\", "
                + "uri=\"/api/plugins/versioncheck\"}"),
        Arguments.of("| pattern \"<level> <msg>\"", "error", "{app=\"a\", level=\"error\"}"),
        Arguments.of("| pattern \"[<level>] <msg>\"", "info x", "{app=\"a\"}"),
        Arguments.of("| pattern \"<app>: <msg>\"", "web: started", "{app=\"a\", app_extracted=\"web\", msg=\"started\"}"),
        // unpack: Promtail's packed labels, with _entry as the new line.
        Arguments.of("| unpack", "{\"container\": \"myapp\", \"pod\": \"pod-3223f\", \"_entry\": \"original log message\"}",
            "{app=\"a\", container=\"myapp\", pod=\"pod-3223f\"}"),
        Arguments.of("| unpack", "{\"container\": \"myapp\"}", "{app=\"a\"}"),
        Arguments.of("| unpack", "text",
            "{__error__=\"JSONParserErr\", __error_details__=\"expecting json object(3), but it is not\", app=\"a\"}"));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("parsers")
  void extractsLabels(String stages, String line, String expected) {
    assertThat(Pipelines.labels("{app=\"a\"} " + stages, "{app=\"a\"}", line)).isEqualTo(expected);
  }

  @Test
  void unpackReplacesTheLineWithThePackedEntry() {
    ProcessedEntry entry = Pipelines.run("{app=\"a\"} | unpack", "{app=\"a\"}",
        "{\"container\": \"myapp\", \"_entry\": \"original log message\"}");
    assertThat(entry.line()).isEqualTo("original log message");
  }

  @Test
  void parsedLabelsAreReportedAsParsed() {
    ProcessedEntry entry = Pipelines.run("{app=\"a\"} | logfmt", "{app=\"a\"}", "app=web level=info");
    assertThat(entry.stream().toString()).isEqualTo("{app=\"a\"}");
    assertThat(entry.parsed().toString()).isEqualTo("{app_extracted=\"web\", level=\"info\"}");
  }
}
