package dev.floe.logql.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LineFilterStageTest {

  static Stream<Arguments> filters() {
    return Stream.of(
        // Contains and does not contain: case-sensitive substrings.
        Arguments.of("|= \"error\"", "level=error msg=boom", true),
        Arguments.of("|= \"error\"", "level=ERROR msg=boom", false),
        Arguments.of("|= \"\"", "anything", true),
        Arguments.of("!= \"timeout\"", "level=error msg=timeout", false),
        Arguments.of("|= \"error\" != \"timeout\"", "level=error msg=refused", true),
        Arguments.of("|= \"error\" != \"timeout\"", "level=error msg=timeout", false),
        // Regular expressions search anywhere in the line (RE2 syntax).
        Arguments.of("|~ `status [45]\\d\\d`", "GET / status 404 1ms", true),
        Arguments.of("|~ `status [45]\\d\\d`", "GET / status 200 1ms", false),
        Arguments.of("|~ \"(?i)error\"", "level=ERROR", true),
        Arguments.of("|~ \"(?i)error\"", "level=info", false),
        Arguments.of("|~ `(?i)straße`", "STRASSE", false),
        Arguments.of("|~ `(?i)été`", "ÉTÉ", true),
        Arguments.of("!~ `\\d{3}ms`", "took 250ms", false),
        Arguments.of("!~ `\\d{3}ms`", "took 25ms", true),
        Arguments.of("|~ `^GET`", "GET /", true),
        Arguments.of("|~ `^GET`", " GET /", false),
        Arguments.of("|~ `done$`", "done\n", false),
        Arguments.of("|~ `(?m)done$`", "done\nmore", true),
        Arguments.of("|~ `[[:digit:]]+ms`", "took 25ms", true),
        Arguments.of("|~ `[[:^alpha:]]`", "abc", false),
        Arguments.of("|~ `[[]x`", "a[x", true),
        Arguments.of("|~ `(?P<verb>GET|POST) /`", "POST /api", true),
        Arguments.of("|~ `a.b`", "a\nb", false),
        Arguments.of("|~ `status=5\\d\\d`", "status=503", true),
        Arguments.of("|~ `status=5\\d\\d`", "status=404", false),
        Arguments.of("|~ `ab*c`", "ac", true),
        Arguments.of("|~ `ab?c`", "xacx", true),
        Arguments.of("|~ `ab{0,2}c`", "ac", true),
        Arguments.of("|~ `abc|xyz`", "xyz", true),
        Arguments.of("|~ `(?s)a.b`", "a\nb", true),
        // Alternatives with or: any of them for |=, none of them for !=.
        Arguments.of("|= \"level=error\" or \"level=warn\"", "level=warn msg=x", true),
        Arguments.of("|= \"level=error\" or \"level=warn\"", "level=info msg=x", false),
        Arguments.of("!= \"debug\" or \"trace\"", "level=trace", false),
        Arguments.of("!= \"debug\" or \"trace\"", "level=info", true),
        Arguments.of("|~ \"a\\\\d\" or \"b\\\\d\"", "x b7", true),
        // Pattern filters match the whole line; <_> matches anything non-empty.
        Arguments.of("|> \"<_> caller=http.go:194 level=debug <_>\"",
            "ts=1 caller=http.go:194 level=debug msg=ok", true),
        Arguments.of("|> \"<_> caller=http.go:194 level=debug <_>\"",
            "ts=1 caller=http.go:194 level=info msg=ok", false),
        Arguments.of("|> \"<_> bar\"", "foo bar baz", false),
        Arguments.of("|> \"<_> baz\"", "foo bar baz", true),
        Arguments.of("|> \"foo <_>\"", "foo bar baz", true),
        Arguments.of("|> \"<_> bar <_>\"", " bar ", false),
        Arguments.of("|> \"<_>bar<_>\"", " bar ", true),
        Arguments.of("!> \"<_> level=debug <_>\"", "a level=debug b", false),
        Arguments.of("!> \"<_> level=debug <_>\"", "a level=info b", true),
        Arguments.of("|> \"<_> error <_>\" or \"<_> warn <_>\"", "a warn b", true),
        // ip() finds addresses anywhere in the line: single, CIDR, range; IPv4 and IPv6.
        Arguments.of("|= ip(\"192.168.0.1\")", "from 192.168.0.1:443 ok", true),
        Arguments.of("|= ip(\"192.168.0.1\")", "from 192.168.0.11 ok", false),
        Arguments.of("|= ip(\"192.168.4.5/16\")", "remote=192.168.255.3", true),
        Arguments.of("|= ip(\"192.168.4.5/16\")", "remote=192.169.0.3", false),
        Arguments.of("|= ip(\"192.168.4.5-192.168.4.20\")", "addr 192.168.4.20 end", true),
        Arguments.of("|= ip(\"192.168.4.5-192.168.4.20\")", "addr 192.168.4.21 end", false),
        Arguments.of("|= ip(\"::1\")", "connect [::1]:80", true),
        Arguments.of("|= ip(\"2001:db8::/32\")", "client 2001:db8:85a3::8a2e:370:7334 done", true),
        Arguments.of("|= ip(\"2001:db8::/32\")", "client 2001:db9::1 done", false),
        Arguments.of("|= ip(\"2001:db8::1-2001:db8::8\")", "client 2001:db8::5 done", true),
        Arguments.of("|= ip(\"10.0.0.0/8\")", "version 10.2 only", false),
        Arguments.of("!= ip(\"10.0.0.0/8\")", "client 10.1.2.3", false),
        Arguments.of("!= ip(\"10.0.0.0/8\")", "client 11.1.2.3", true));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("filters")
  void keepsMatchingLines(String filter, String line, boolean kept) {
    ProcessedEntry entry = Pipelines.run("{app=\"a\"} " + filter, "{app=\"a\"}", line);
    if (kept) {
      assertThat(entry).isNotNull();
      assertThat(entry.line()).isEqualTo(line);
    } else {
      assertThat(entry).isNull();
    }
  }
}
