package dev.floe.logql.template;

import static dev.floe.logql.template.TemplateFixture.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Go text/template's language and built-in functions; expectations follow Go's documented behaviour. */
class LogTemplateTest {

  static Stream<Arguments> language() {
    return Stream.of(
        arguments("plain text", "plain text"),
        arguments("{{ .path }}", "/api/v1/users"),
        arguments("[{{ .missing }}]", "[]"),
        arguments("{{ index . \"odd-name\" }}", "odd"),
        arguments("{{ index . \"absent\" }}|", "|"),
        arguments("a {{- .method -}} b", "aGETb"),
        arguments("a  {{- /* comment */ -}}  b", "ab"),
        arguments("{{/* comment */}}x", "x"),
        arguments("x {{-3}}", "x -3"),
        arguments("{{ __line__ }}", "Hello World"),
        arguments("{{ __line__ | lower }}", "hello world"),
        arguments("{{ .path | replace \"/\" \"_\" | trunc 5 | upper }}", "_API_"),
        arguments("{{ if and (contains \"he\" \"hello\") (contains \"llo\" \"hello\") }} yes {{end}}", " yes "),
        arguments("{{ if or (contains \"he\" \"hello\") (contains \"xyz\" \"hello\") }} yes {{end}}", " yes "),
        arguments("{{ if contains \"ErrTimeout\" .err }} timeout {{else if contains \"he\" \"hello\"}} yes {{else}} no {{end}}",
            " timeout "),
        arguments("{{ if eq .err \"x\" }}a{{ else if eq .method \"GET\" }}b{{ else }}c{{ end }}", "b"),
        arguments("{{ if eq .err \"x\" }}a{{ else if eq .method \"PUT\" }}b{{ else }}c{{ end }}", "c"),
        arguments("{{ if .missing }}a{{ else }}b{{ end }}", "b"),
        arguments("{{ with .method }}[{{ . }}]{{ end }}", "[GET]"),
        arguments("{{ with .missing }}[{{ . }}]{{ else }}none{{ end }}", "none"),
        arguments("{{ with .missing }}a{{ else with .status }}{{ . }}{{ end }}", "200"),
        arguments("{{ $m := .method }}{{ $m }}-{{ $.status }}", "GET-200"),
        arguments("{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}", "2"),
        arguments("{{ with $x := .method }}{{ $x }}{{ end }}", "GET"),
        arguments("{{ \"tab\\there\" }}", "tab\there"),
        arguments("{{ `raw\\n` }}", "raw\\n"),
        arguments("{{ 'a' }}", "97"),
        arguments("{{ 1e3 }} {{ 0x1F }} {{ 1.50 }} {{ -3 }} {{ 1_000 }}", "1000 31 1.5 -3 1000"),
        arguments("{{ true }} {{ false }}", "true false"),
        arguments("{{ (fromJson \"{\\\"a\\\":{\\\"b\\\":\\\"c\\\"}}\").a.b }}", "c"),
        arguments("{{ $j := fromJson .json }}{{ $j.a.b }} {{ index $j \"list\" 2 }}", "c x"),
        arguments("{{ (fromJson \"{}\").x }}", "<no value>"),
        arguments("{{ fromJson \"[1,\\\"x\\\",true,null,1.5]\" }}", "[1 x true <nil> 1.5]"),
        arguments("{{ fromJson \"{\\\"b\\\":1,\\\"a\\\":[2]}\" }}", "map[a:[2] b:1]"),
        arguments("{{ fromJson \"not json\" }}", "<no value>"),
        arguments("{{ range $i, $e := fromJson \"[1,2,3]\" }}{{ $i }}={{ $e }};{{ end }}", "0=1;1=2;2=3;"),
        arguments("{{ range fromJson \"[]\" }}x{{ else }}empty{{ end }}", "empty"),
        arguments("{{ range $k, $v := fromJson \"{\\\"b\\\":2,\\\"a\\\":1}\" }}{{ $k }}{{ $v }}{{ end }}", "a1b2"),
        arguments("{{ range fromJson \"[1,2,3,4]\" }}{{ if eq . 3.0 }}{{ break }}{{ end }}{{ . }}{{ end }}", "12"),
        arguments("{{ range fromJson \"[1,2,3]\" }}{{ if eq . 2.0 }}{{ continue }}{{ end }}{{ . }}{{ end }}", "13"),
        arguments("{{ range 3 }}{{ . }}{{ end }}", "012"),
        arguments("{{ range $x := fromJson \"[\\\"a\\\"]\" }}{{ $x }}{{ $.method }}{{ end }}", "aGET"),
        arguments("{{ (__timestamp__).Unix }} {{ __timestamp__.Format \"15:04\" }}", "1700000000 22:13"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("language")
  void rendersTheLanguage(String template, String expected) {
    assertThat(render(template)).isEqualTo(expected);
  }

  static Stream<Arguments> builtins() {
    return Stream.of(
        arguments("{{ print 1 2 \"a\" 3 }}", "1 2a3"),
        arguments("{{ println \"a\" 1 }}", "a 1\n"),
        arguments("{{ printf \"%s-%d-%05d-%.2f-%x-%q-%v-%t\" \"a\" 42 42 3.14159 255 \"hi\" 1.5 true }}",
            "a-42-00042-3.14-ff-\"hi\"-1.5-true"),
        arguments("{{ printf \"%d\" .status }}", "%!d(string=200)"),
        arguments("{{ printf \"%s %s\" \"a\" }}", "a %!s(MISSING)"),
        arguments("{{ printf \"%s\" \"a\" \"b\" }}", "a%!(EXTRA string=b)"),
        arguments("{{ printf \"%-5s|%5s|%%\" \"ab\" \"cd\" }}", "ab   |   cd|%"),
        arguments("{{ printf \"%+d %e %g %g\" 5 1234.5678 0.000012 100000.0 }}", "+5 1.234568e+03 1.2e-05 100000"),
        arguments("{{ printf \"%8.3f|%-8.2f|%08.3f\" 3.14159 2.5 -3.14159 }}", "   3.142|2.50    |-003.142"),
        arguments("{{ printf \"%.2f %.0f\" 2.675 2.5 }}", "2.67 2"),
        arguments("{{ printf \"%T %T %T %T\" 1 1.5 \"s\" true }}", "int float64 string bool"),
        arguments("{{ printf \"%X %o %b %c %U\" 255 8 5 65 65 }}", "FF 10 101 A U+0041"),
        arguments("{{ printf \"%.3s|%6.2v\" \"abcdef\" 3.14159 }}", "abc|   3.1"),
        arguments("{{ printf \"%v %v\" 1e6 123456.0 }}", "1e+06 123456"),
        arguments("{{ len .path }} {{ len \"héllo\" }} {{ len (fromJson \"[1,2]\") }}", "13 6 2"),
        arguments("{{ not true }} {{ not \"\" }}", "false true"),
        arguments("{{ and 1 0 2 }}|{{ and 1 2 }}|{{ or 0 \"\" \"x\" }}|{{ or 0 \"\" }}|", "0|2|x||"),
        arguments("{{ and false (eq 1 \"a\") }}", "false"),
        arguments("{{ eq 1 1 }} {{ eq \"a\" \"b\" \"a\" }} {{ ne .method \"GET\" }} {{ eq .missing \"\" }}",
            "true true false true"),
        arguments("{{ lt 1 2 }} {{ le 2 2 }} {{ gt \"b\" \"a\" }} {{ ge 1.5 2.5 }}", "true true true false"),
        arguments("{{ html \"<a href='x'>&</a>\" }}", "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;"),
        arguments("{{ js \"it's <b>\" }}", "it\\'s \\u003Cb\\u003E"),
        arguments("{{ urlquery \"a b&c\" }}", "a+b%26c"),
        arguments("{{ slice \"hello\" 1 3 }} {{ slice \"hello\" 2 }} {{ slice (fromJson \"[1,2,3]\") 1 }}", "el llo [2 3]"),
        arguments("{{ index \"abc\" 1 }}", "98"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("builtins")
  void rendersGoBuiltins(String template, String expected) {
    assertThat(render(template)).isEqualTo(expected);
  }

  @Test
  void parsesOnceAndRendersEachLine() {
    LogTemplate template = LogTemplate.parse("{{ .level | upper }}: {{ __line__ }}");

    assertThat(template.render(Map.of("level", "info"), "started", 0)).isEqualTo("INFO: started");
    assertThat(template.render(Map.of("level", "warn"), "slow", 0)).isEqualTo("WARN: slow");
    assertThat(template.render(Map.of(), "bare", 0)).isEqualTo(": bare");
  }
}
