package dev.floe.logql.template;

import static dev.floe.logql.template.TemplateFixture.render;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Templates Go rejects when parsing, and lines on which Go's execution fails (Loki's TemplateFormatErr). */
class TemplateErrorsTest {

  static Stream<Arguments> parseErrors() {
    return Stream.of(
        arguments("{{ foo }}", "template: line:1: function \"foo\" not defined"),
        arguments("a\n{{ foo }}", "template: line:2: function \"foo\" not defined"),
        arguments("{{ .a", "unclosed action"),
        arguments("{{ if .a }}x", "unexpected EOF"),
        arguments("{{ end }}", "unexpected {{end}}"),
        arguments("{{ else }}", "unexpected {{else}}"),
        arguments("{{ $x }}", "undefined variable \"$x\""),
        arguments("{{ $x = 1 }}", "undefined variable \"$x\""),
        arguments("{{ if true }}{{ $x := 1 }}{{ end }}{{ $x }}", "undefined variable \"$x\""),
        arguments("{{ \"open }}", "unterminated quoted string"),
        arguments("{{ `open }}", "unterminated raw quoted string"),
        arguments("{{ break }}", "{{break}} outside {{range}}"),
        arguments("{{ template \"x\" }}", "not supported"),
        // Loki registers only part of Sprig: these are not template functions there.
        arguments("{{ sha256 \"x\" }}", "function \"sha256\" not defined"),
        arguments("{{ abbrev 5 \"hello world\" }}", "function \"abbrev\" not defined"),
        arguments("{{ (1 }}", "unclosed left paren"),
        arguments("{{ 1) }}", "unexpected right paren"),
        arguments("{{ .a | \"b\" }}", "non executable command in pipeline stage 2"),
        arguments("{{ }}", "missing value for command"),
        arguments("{{ if }}{{ end }}", "missing value for if"),
        arguments("{{ 3x }}", "bad number syntax: \"3x\""),
        // Labels that are not identifiers need index: Go reads .odd-name as a field and a number.
        arguments("{{ .odd-name }}", "bad number syntax: \"-n\""),
        arguments("{{ 1 - }}", "illegal number syntax: \"-\""),
        arguments("{{ # }}", "unrecognized character in action: U+0023 '#'"),
        arguments("{{ /* x */ }}", "unrecognized character in action"),
        arguments("{{/* x */ a }}", "comment ends before closing delimiter"),
        arguments("{{/* x }}", "unclosed comment"),
        arguments("{{ \"a\".b }}", "unexpected . after term"),
        arguments("{{ \"a\"\"b\" }}", "unexpected"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parseErrors")
  void rejectsInvalidTemplates(String template, String message) {
    assertThatThrownBy(() -> LogTemplate.parse(template))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("template: line:")
        .hasMessageContaining(message);
  }

  static Stream<Arguments> renderErrors() {
    return Stream.of(
        arguments("{{ eq 1 \"a\" }}", "error calling eq: incompatible types for comparison"),
        arguments("{{ lt true false }}", "error calling lt: invalid type for comparison"),
        arguments("{{ lt 1 1.5 }}", "error calling lt: incompatible types for comparison"),
        arguments("{{ eq (fromJson \"[]\") (fromJson \"[]\") }}", "error calling eq: non-comparable type"),
        arguments("{{ div 1 0 }}", "error calling div: runtime error: integer divide by zero"),
        arguments("{{ .method.x }}", "can't evaluate field x in type string"),
        arguments("{{ (fromJson \"{}\").a.b }}", "nil pointer evaluating interface {}.b"),
        arguments("{{ upper 5 }}", "expected string; found 5"),
        arguments("{{ trunc 1.5 \"a\" }}", "expected integer; found 1.5"),
        arguments("{{ add 1 2 | upper }}", "wrong type for value; expected string; got int"),
        arguments("{{ unixEpoch .method }}", "wrong type for value; expected time.Time; got string"),
        arguments("{{ index (fromJson \"[1]\") 5 }}", "error calling index: index out of range: 5"),
        arguments("{{ urldecode \"%zz\" }}", "error calling urldecode: invalid URL escape \"%zz\""),
        arguments("{{ unixToTime \"12\" }}", "error calling unixToTime: unable to parse time '12'"),
        arguments("{{ range .method }}{{ end }}", "range can't iterate over GET"),
        arguments("{{ trunc 1 }}", "wrong number of args for trunc: want 2 got 1"),
        arguments("{{ \"a\" 1 }}", "can't give argument to non-function \"a\""),
        arguments("{{ .method 1 }}", "method is not a method but has arguments"),
        arguments("{{ duration \"5x\" }}", "error calling duration: time: unknown unit \"x\" in duration \"5x\""),
        arguments("{{ bytes \"5 XB\" }}", "error calling bytes: unhandled size name: xb"),
        arguments("{{ repeat -1 \"a\" }}", "error calling repeat: strings: negative Repeat count"),
        arguments("{{ regexReplaceAll \"(\" \"a\" \"b\" }}", "error calling regexReplaceAll: error parsing regexp"),
        arguments("{{ len 3 }}", "error calling len: len of type int"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renderErrors")
  void failsTheLine(String template, String message) {
    LogTemplate parsed = LogTemplate.parse(template);
    assertThatThrownBy(() -> parsed.render(TemplateFixture.LABELS, TemplateFixture.LINE, TemplateFixture.TIMESTAMP))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("template: line:1:")
        .hasMessageContaining(message);
  }

  @Test
  void namesTheUnexpectedItemAsGoDoes() {
    assertThatThrownBy(() -> LogTemplate.parse("{{ \"a\"\"b\" }}"))
        .hasMessage("template: line:1: unexpected \"\\\"b\\\"\" in operand");
    assertThatThrownBy(() -> LogTemplate.parse("{{ if .a }}{{ else }}{{ else }}{{ end }}"))
        .hasMessage("template: line:1: expected end; found {{else}}");
  }

  @Test
  void locatesTheFailingNodeAsGoDoes() {
    assertThatThrownBy(() -> render("ok\n  {{ .status | eq 1 }}"))
        .hasMessage("template: line:2:15: executing \"line\" at <eq>: error calling eq: incompatible types for comparison");
    assertThatThrownBy(() -> render("{{ upper 5 }}"))
        .hasMessage("template: line:1:9: executing \"line\" at <5>: expected string; found 5");
  }
}
