package dev.floe.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegexTest {
  /** Patterns with and without fast forms, as line filters and label matchers use them. */
  private static final List<String> PATTERNS = List.of(
      "", "foo", "foo|bar", "(foo|bar)", "(?:foo|bar|)", "(?i)foo", "(?i)foo|BAR", "(?i:foo)bar", "fo(?i)o",
      "(?i)k", "(?i)s", "(?i)straße", ".*", ".+", ".*foo", "foo.*", ".*foo.*", ".+foo", "foo.+", ".+foo.+",
      "foo.*bar", "foo.+bar", ".*foo.*bar.*", "foo.*bar.*baz", ".*(foo|bar).*", "(foo|bar).*", ".*(foo|bar)",
      "^foo", "foo$", "^foo$", "^(foo|bar)$", "(?i)^foo", "(?i)foo$", "^.*foo", "foo.*$", "(?s)foo.*$",
      "(?m)^foo$", "\\.foo\\$", "a\\.b|c\\+d", "a{2}", "a{,2}", "x{", "[ab]c", "a[[:alpha:]]+z", "\\d+ms",
      "status=5\\d\\d", "(?P<v>foo)bar", "(?<v>foo)(bar)?", "error.*timeout", "(error|warn).*db", "fo?o",
      "(ab)*c", "a|b.*c", "\\bfoo\\b", "\\pL+", "[^\\]]x", "\\Qa.b\\E", "\\x41", "foo\\n", "(?U)f.*?o",
      "😀.+", ".+.+", "a.*?b", "(?-s:.*)x", "(?s).*x", "a(?i)b|c", "(a(?i)b|c)d", "^$", "^", "$", "(?s:.)*",
      ".*?", "a.*b.*", "(?i)(foo|bar)", "x*", "(|a)", "()", "(?i)^foo$", "^(?i)foo|bar$", "(foo)|(bar)", "[.]*",
      "(.+)?", "a(.+)?", "(.*)+x");

  private static final List<String> INPUTS = List.of(
      "", "foo", "FOO", "bar", "foobar", "barfoo", "xfoox", "fo", "foo\nbar", "\nfoo", "foo\n", "bar\nfoo",
      "foo bar baz", "fooXbar", "foobaz", "error in db timeout", "warn db", "K", "\u212a", "\u017f", "S",
      "straße", "STRASSE", ".foo$", "a.b", "c+d", "aa", "a", "x{", "ac", "bc", "aXyz", "12ms", "status=503",
      "status=5x3", "foobarbar", "abababc", "c", "a b c", "word foo word", "ab", "😀", "😀x", "xx", "aXb",
      "\u0130", "i", "x", "\nx", "aB", "Ab", "AB", "c", "abd", "aBd", "cd", "C", "fooX", "Xbar", "FOO\n");

  @Test
  void fastFormsAnswerAsTheRegexDoes() {
    for (String pattern : PATTERNS) {
      Regex search = Regex.compile(pattern);
      Regex anchored = Regex.compileAnchored(pattern);
      for (String input : INPUTS) {
        assertThat(search.find(input)).as("find %s in %s", pattern, input)
            .isEqualTo(search.matcher(input).find());
        assertThat(search.matches(input)).as("whole %s on %s", pattern, input)
            .isEqualTo(search.matcher(input).matches());
        assertThat(anchored.matches(input)).as("anchored %s on %s", pattern, input)
            .isEqualTo(anchored.matcher(input).matches());
      }
    }
  }

  @Test
  void commonShapesHaveFastForms() {
    for (String pattern : List.of("", "foo", "foo|bar", "(?i)foo", ".*foo.*", "foo.*", ".*foo", "^foo", "foo$",
        "(?i)foo|bar", ".+", "(error|warn)")) {
      assertThat(StringMatchers.search(RegexShape.of(pattern, false))).as(pattern).isNotNull();
    }
    for (String pattern : List.of("", "foo", "foo|bar|baz", "(?i)foo", ".*", ".+", "foo.*", ".*foo", ".*foo.*",
        "foo.*bar", "foo.+bar.*", ".*(foo|bar).*", "(foo|bar).*", "^foo$")) {
      assertThat(StringMatchers.whole(RegexShape.of(pattern, true))).as(pattern).isNotNull();
    }
    assertThat(StringMatchers.required(RegexShape.of("status=5\\d\\d", false))).isEqualTo("status=5");
    assertThat(StringMatchers.whole(RegexShape.of("[a-z]+", true))).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "[[:alpha:]]+     | abcXYZ | true",
    "[[:alpha:]]+     | :alph  | false",
    "[[:digit:]]{3}   | 123    | true",
    "[[:^space:]]+    | a b    | false",
    "(?P<name>a+)b    | aab    | true",
    "(?<name>a+)b     | aab    | true",
    "\\pL+            | héllo  | true",
  })
  void anchoredMatchersUseRe2Syntax(String pattern, String input, boolean expected) {
    assertThat(Regex.compileAnchored(pattern).matches(input)).isEqualTo(expected);
  }

  @Test
  void dollarMatchesOnlyAtTheEndOfTheText() {
    Regex regex = Regex.compile("foo$");
    assertThat(regex.find("foo")).isTrue();
    assertThat(regex.find("foo\n")).isFalse();
    assertThat(regex.find("foo\nbar")).isFalse();
    assertThat(Regex.compile("(?m)foo$").find("foo\nbar")).isTrue();
    assertThat(Regex.compile("a.c").find("a\nc")).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "(a)\\1       | error parsing regexp: invalid escape sequence: `\\1`",
    "a(?=b)       | error parsing regexp: invalid or unsupported Perl syntax: `(?=`",
    "a(?!b)       | error parsing regexp: invalid or unsupported Perl syntax: `(?!`",
    "(?<=a)b      | error parsing regexp: invalid named capture: `(?<=a)b`",
    "(            | error parsing regexp: missing closing ): `(`",
    "a)           | error parsing regexp: unexpected ): `a)`",
    "[[:foo:]]    | error parsing regexp: invalid character class range: `[:foo:]`",
    "a**          | error parsing regexp: invalid nested repetition operator: `**`",
  })
  void rejectsWhatRe2RejectsWithGoMessages(String pattern, String message) {
    assertThatThrownBy(() -> Regex.compile(pattern))
        .isInstanceOf(Regex.RegexSyntaxException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> Regex.compileAnchored(pattern)).hasMessage(message);
  }

  @Test
  void nestedRepetitionRunsInLinearTime() {
    // java.util.regex took 85 s on this line; RE2 is linear in the input.
    String line = "a".repeat(30) + "b".repeat(30);
    Regex regex = Regex.compile("(.*){20}c");
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThat(regex.find(line)).isFalse());
  }

  @Test
  void replacesAndCountsAsGoDoes() {
    Regex regex = Regex.compile("a*");
    assertThat(regex.replaceAll("baaac", "X")).isEqualTo("XbXcX");
    assertThat(regex.countMatches("baaac")).isEqualTo(3);
    Regex groups = Regex.compile("(?P<first>\\w+) (\\w+)");
    assertThat(groups.replaceAll("hello world", "${2} $first $$ $3 $x ${first")).isEqualTo("world hello $   ${first");
    assertThat(groups.replaceAllLiteral("hello world", "$1")).isEqualTo("$1");
    assertThat(groups.groupNames()).containsExactly("", "first", "");
  }

  @Test
  void expandsTemplatesAsGoExpandDoes() {
    Regex regex = Regex.compileAnchored("(?P<a>x)(y)?(z)");
    var match = regex.matcher("xz");
    assertThat(match.matches()).isTrue();
    assertThat(Regex.compileAnchored("a.c").matches("a\nc")).isTrue();
    assertThat(regex.expand("[$1|$2|$3|${a}|$a_|$01|$|$$|${}]", match)).isEqualTo("[x||z|x|||$|$|${}]");
  }
}
