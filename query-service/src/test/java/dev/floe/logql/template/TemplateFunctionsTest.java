package dev.floe.logql.template;

import static dev.floe.logql.template.TemplateFixture.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loki's template functions (https://grafana.com/docs/loki/latest/query/template_functions/), with the
 * documentation's examples and the semantics of the Go and Sprig functions behind them.
 */
class TemplateFunctionsTest {

  static Stream<Arguments> strings() {
    return Stream.of(
        arguments("{{ToUpper \"This is a string\" | ToLower}}", "this is a string"),
        arguments("{{ Replace \"This is a string\" \" \" \"-\" -1 }}", "This-is-a-string"),
        arguments("{{ Replace \"aaa\" \"a\" \"b\" 2 }}", "bba"),
        arguments("{{ Replace \"ab\" \"\" \"-\" -1 }}", "-a-b-"),
        arguments("{{ Trim \"  !!hi!! \" \" !\" }}", "hi"),
        arguments("{{ TrimLeft \"xxhixx\" \"x\" }}|{{ TrimRight \"xxhixx\" \"x\" }}", "hixx|xxhi"),
        arguments("{{ TrimPrefix \"prefix-x\" \"prefix-\" }}|{{ TrimSuffix \"x-suffix\" \"-suffix\" }}", "x|x"),
        arguments("{{ TrimSpace \"  a b \\n\" }}", "a b"),
        arguments("{{ .method | lower }} {{ upper \"hello\" }}", "get HELLO"),
        arguments("{{ title \"hello world\" }}|{{ title \"hello_world foo-bar\" }}", "Hello World|Hello_world Foo-Bar"),
        arguments("{{ trunc 5 \"hello world\" }}|{{ trunc -5 \"hello world\" }}|{{ trunc 20 \"hi\" }}", "hello|world|hi"),
        arguments("{{ trunc 2 \"héllo\" }}", "hé"),
        arguments("{{ substr 0 5 \"hello world\" }}|{{ substr 6 11 \"hello world\" }}", "hello|world"),
        arguments("{{ substr -1 2 \"hello\" }}|{{ substr 2 -1 \"hello\" }}|{{ substr 3 1 \"hello\" }}|", "he|llo||"),
        arguments("{{ replace \"hello\" \"world\" \"hello world\" }}", "world world"),
        arguments("{{ .cluster | replace \"-cluster\" \"\" }}", "prod"),
        arguments("{{ trim \"   hello    \" }}", "hello"),
        arguments("{{ trimAll \"$\" \"$5.00$\" }}", "5.00"),
        arguments("{{ trimSuffix \"-\" \"hello-\" }}|{{ trimPrefix \"-\" \"-hello\" }}", "hello|hello"),
        arguments("{{ indent 4 \"a\\nb\" }}|{{ nindent 2 \"a\" }}", "    a\n    b|\n  a"),
        arguments("{{ repeat 3 \"hello\" }}", "hellohellohello"),
        arguments("{{ if hasPrefix \"he\" \"hello\" }}p{{ end }}{{ if hasSuffix \"lo\" \"hello\" }}s{{ end }}", "ps"),
        arguments("{{ contains \"ell\" \"hello\" }} {{ contains \"hello\" \"ell\" }}", "true false"),
        arguments("{{ alignLeft 5 \"hello world\" }}|{{ alignLeft 4 \"hi\" }}|", "hello|hi  |"),
        arguments("{{ alignRight 5 \"hello world\" }}|{{ alignRight 4 \"hi\" }}|", "world|  hi|"),
        arguments("{{ default \"-\" \"\" }} {{ default \"-\" \"foo\" }} {{ .missing | default \"none\" }}", "- foo none"),
        arguments("{{ default \"x\" 0 }} {{ default \"x\" false }} {{ default \"x\" 1 }}", "x x 1"),
        arguments("{{ count \"a|b\" \"abab\" }} {{ count \"o\" \"foo\" }} {{ count \"a*\" \"baaac\" }}", "4 2 3"),
        arguments("{{ regexReplaceAll \"a(x*)b\" \"-ab-axxb-\" \"${1}W\" }}", "-W-xxW-"),
        arguments("{{ regexReplaceAllLiteral \"a(x*)b\" \"-ab-axxb-\" \"${1}\" }}", "-${1}-${1}-"),
        arguments("{{ regexReplaceAll `(?P<first_name>\\w+) (?P<last>\\w+)` \"John Smith\" \"$last, ${first_name}\" }}",
            "Smith, John"),
        arguments("{{ regexReplaceAll \"(a)\" \"a\" \"$1x\" }}|{{ regexReplaceAll \"a\" \"a\" \"$$\" }}", "|$"),
        arguments("{{ regexReplaceAll \"a*\" \"baaac\" \"-\" }}", "-b-c-"),
        arguments("{{ regexReplaceAll \"o$\" \"foo\\no\" \"0\" }}", "foo\n0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strings")
  void stringFunctions(String template, String expected) {
    assertThat(render(template)).isEqualTo(expected);
  }

  static Stream<Arguments> numbers() {
    return Stream.of(
        arguments("{{ add 3 2 5 }} {{ sub 5 2 }} {{ mul 5 2 3 }} {{ div 10 3 }} {{ mod 10 3 }}", "10 3 30 3 1"),
        arguments("{{ add .status 1 }} {{ add \"3.00\" 1 }} {{ add \"x\" 1 }} {{ add 1.9 1 }}", "201 4 1 2"),
        arguments("{{ addf 3.5 2 }} {{ addf 1.1 2.2 }} {{ subf 5.5 2 1.5 }}", "5.5 3.3 2"),
        arguments("{{ mulf 5.5 2 2.5 }} {{ divf 10 2 4 }} {{ divf 1 3 }}", "27.5 1.25 0.3333333333333333"),
        arguments("{{ max 1 2 3 }} {{ min 1 2 3 }} {{ maxf 1 2.5 3 }} {{ minf 1 2.5 3 }}", "3 1 3 1"),
        arguments("{{ ceil 123.001 }} {{ floor 123.9999 }} {{ round 123.555555 3 }} {{ round 123.5 0 }}", "124 123 123.556 124"),
        arguments("{{ round 2.75 0 0.8 }} {{ round 2.75 0 0.7 }} {{ round 123.88571428571 5 .2 }}", "2 3 123.88572"),
        arguments("{{ int \"42\" }} {{ int \"3.0\" }} {{ int \"3.5\" }} {{ int 3.9 }} {{ int \"0x10\" }}", "42 3 0 3 16"),
        arguments("{{ float64 \"2.5\" }} {{ .f | float64 | mulf 2 }} {{ \"3\" | int }}", "2.5 5 3"),
        arguments("{{ bytes \"1.5KiB\" }} {{ bytes \"42 MB\" }} {{ bytes \"512\" }}", "1536 4.2e+07 512"),
        arguments("{{ duration \"1h30m\" }} {{ duration_seconds \"1.5s\" }} {{ duration \"-300ms\" }}", "5400 1.5 -0.3"),
        arguments("{{ if gt (.status | int) 199 }}ok{{ end }}", "ok"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("numbers")
  void mathFunctions(String template, String expected) {
    assertThat(render(template)).isEqualTo(expected);
  }

  static Stream<Arguments> times() {
    return Stream.of(
        arguments("{{ __timestamp__ }}", "2023-11-14 22:13:20.123456789 +0000 UTC"),
        arguments("{{ __timestamp__ | date \"2006-01-02T15:04:05.00Z07:00\" }}", "2023-11-14T22:13:20.12Z"),
        arguments("{{ date \"Mon Jan _2 3:04PM MST 2006\" __timestamp__ }}", "Tue Nov 14 10:13PM UTC 2023"),
        arguments("{{ date \"Monday, 02-Jan-06 15:04:05.999 -0700 pm\" __timestamp__ }}",
            "Tuesday, 14-Nov-23 22:13:20.123 +0000 pm"),
        arguments("{{ date \"2006-01-02 002 .000000 ,999999999\" __timestamp__ }}", "2023-11-14 318 .123456 ,123456789"),
        arguments("{{ __timestamp__ | unixEpoch }} {{ __timestamp__ | unixEpochMillis }}", "1700000000 1700000000123"),
        arguments("{{ __timestamp__ | unixEpochNanos }}", "1700000000123456789"),
        arguments("{{ date \"2006-01-02\" 0 }}", "1970-01-01"),
        arguments("{{ toDate \"2006-01-02\" \"2021-11-02\" | date \"02-01-2006\" }}", "02-11-2021"),
        arguments("{{ toDate \"2006-01-02T15:04:05Z07:00\" \"2021-11-02T10:30:00+02:00\" | unixEpoch }}", "1635841800"),
        arguments("{{ toDate \"2006-01-02T15:04:05Z07:00\" \"2021-11-02T10:30:00+02:00\" }}",
            "2021-11-02 10:30:00 +0200 +0200"),
        arguments("{{ toDate \"Jan 2 2006 3:04:05 PM\" \"mar 7 2022 1:02:03 PM\" | date \"2006-01-02 15:04:05\" }}",
            "2022-03-07 13:02:03"),
        arguments("{{ toDate \"3:04 PM\" \"1:02 pm\" }}", "0001-01-01 00:00:00 +0000 UTC"),
        arguments("{{ toDate \"3:04 PM\" \"1:02 PM\" }}", "0000-01-01 13:02:00 +0000 UTC"),
        arguments("{{ toDate \"2006-01-02 15:04:05\" \"2021-11-02 10:30:00.25\" | date \"05.000\" }}", "00.250"),
        arguments("{{ toDate \"2006-01-02\" \"bad\" }}", "0001-01-01 00:00:00 +0000 UTC"),
        arguments("{{ toDate \"2006-01-02\" \"2021-02-30\" }}", "0001-01-01 00:00:00 +0000 UTC"),
        arguments("{{ toDateInZone \"2006-01-02 15:04\" \"Europe/Berlin\" \"2023-07-01 12:00\" | unixEpoch }}", "1688205600"),
        arguments("{{ toDateInZone \"2006-01-02 15:04\" \"Nowhere/None\" \"2023-07-01 10:00\" | unixEpoch }}", "1688205600"),
        arguments("{{ toDateInZone \"2006-01-02 15:04\" \"Europe/Berlin\" \"2023-07-01 12:00\" | date \"15:04 MST -07:00\" }}",
            "10:00 UTC +00:00"),
        arguments("{{ unixToTime \"1679577215\" }}", "2023-03-23 13:13:35 +0000 UTC"),
        arguments("{{ (unixToTime \"19650\").Format \"2006-01-02\" }}", "2023-10-20"),
        arguments("{{ unixToTime \"1679577215000\" | unixEpoch }}", "1679577215"),
        arguments("{{ (__timestamp__).Year }} {{ __timestamp__.Month }} {{ __timestamp__.Weekday }}", "2023 November Tuesday"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("times")
  void timeFunctions(String template, String expected) {
    assertThat(render(template)).isEqualTo(expected);
  }

  static Stream<Arguments> encodings() {
    return Stream.of(
        arguments("{{ \"hello\" | b64enc }} {{ \"aGVsbG8=\" | b64dec }}", "aGVsbG8= hello"),
        arguments("{{ b64dec \"!!\" }}", "illegal base64 data at input byte 0"),
        arguments("{{ urlencode \"a b/c?d=e&f~\" }}", "a+b%2Fc%3Fd%3De%26f~"),
        arguments("{{ urldecode \"a+b%2Fc%C3%A9\" }}", "a b/cé"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encodings")
  void encodingFunctions(String template, String expected) {
    assertThat(render(template)).isEqualTo(expected);
  }
}
