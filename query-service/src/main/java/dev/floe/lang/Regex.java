package dev.floe.lang;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A regular expression in RE2 syntax, matched in time linear in its input, as Loki, Prometheus and
 * Tempo match theirs. Every regular expression a query can send is compiled here, so a query can never
 * make the engine backtrack. Literals, alternations of literals and {@code .*} forms are answered
 * without the regex engine, as Loki's line filters and Prometheus's matchers do. Immutable and
 * thread-safe.
 */
public final class Regex {
  private final String expression;
  private final Pattern pattern;
  private final Predicate<String> whole;
  private final Predicate<String> search;

  private Regex(String expression, Pattern pattern, Predicate<String> whole, Predicate<String> search) {
    this.expression = expression;
    this.pattern = pattern;
    this.whole = whole;
    this.search = search;
  }

  /**
   * Compiles {@code expression} as Go's {@code regexp.Compile} does: {@link #find} searches, {@code .}
   * does not match a newline unless {@code (?s)} says so.
   *
   * @throws RegexSyntaxException with Go's {@code error parsing regexp} message when it is invalid
   */
  public static Regex compile(String expression) {
    Pattern pattern = compilePattern(expression);
    List<RegexShape.Piece> shape = RegexShape.of(expression, false);
    Predicate<String> whole = orRegex(StringMatchers.whole(shape), shape, s -> pattern.matcher(s).matches());
    Predicate<String> search = orRegex(StringMatchers.search(shape), shape, s -> pattern.matcher(s).find());
    return new Regex(expression, pattern, whole, search);
  }

  /**
   * Compiles {@code expression} to match whole values only, as label matchers in all three languages
   * do (Prometheus's {@code ^(?s:expression)$}: {@code .} matches a newline too).
   */
  public static Regex compileAnchored(String expression) {
    compilePattern(expression); // errors name the expression as the user wrote it
    Pattern pattern = compilePattern("^(?s:" + expression + ")$");
    List<RegexShape.Piece> shape = RegexShape.of(expression, true);
    Predicate<String> whole = orRegex(StringMatchers.whole(shape), shape, s -> pattern.matcher(s).matches());
    return new Regex(expression, pattern, whole, whole);
  }

  /** The fast test when there is one, else the regex behind a check for a literal every match holds. */
  private static Predicate<String> orRegex(Predicate<String> fast, List<RegexShape.Piece> shape, Predicate<String> regex) {
    if (fast != null) {
      return fast;
    }
    String required = StringMatchers.required(shape);
    return required == null || required.isEmpty() ? regex : s -> s.contains(required) && regex.test(s);
  }

  private static Pattern compilePattern(String expression) {
    try {
      return Pattern.compile(expression);
    } catch (PatternSyntaxException e) {
      throw new RegexSyntaxException(goMessage(e, expression), expression);
    }
  }

  /** Go's text: RE2/J's, except for an unmatched {@code )}, which RE2/J reports as an internal error. */
  private static String goMessage(PatternSyntaxException e, String expression) {
    if (e.getDescription().startsWith("regexp/syntax: internal error")) {
      return "error parsing regexp: unexpected ): `" + expression + "`";
    }
    return e.getMessage();
  }

  /** The expression as written. */
  public String expression() {
    return expression;
  }

  /** Whether the whole of {@code text} matches. */
  public boolean matches(CharSequence text) {
    return whole.test(text.toString());
  }

  /** Whether some part of {@code text} matches. */
  public boolean find(CharSequence text) {
    return search.test(text.toString());
  }

  /** A matcher over {@code text}, for groups and replacement. */
  public Matcher matcher(CharSequence text) {
    return pattern.matcher(text);
  }

  /** The number of capturing groups. */
  public int groupCount() {
    return pattern.groupCount();
  }

  /** Group numbers by name, for {@code (?P<name>...)} groups. */
  public Map<String, Integer> namedGroups() {
    return pattern.namedGroups();
  }

  /** Go's {@code SubexpNames}: the name of each group by number, {@code ""} for unnamed ones and group 0. */
  public List<String> groupNames() {
    String[] names = new String[groupCount() + 1];
    Arrays.fill(names, "");
    namedGroups().forEach((name, index) -> names[index] = name);
    return List.of(names);
  }

  /** Go's {@code len(FindAllStringIndex(s, -1))}: the number of matches in {@code s}. */
  public int countMatches(String s) {
    int[] count = {0};
    forEachMatch(s, m -> count[0]++);
    return count[0];
  }

  /** Go's {@code ReplaceAllString}: each match replaced by {@code template} {@linkplain #expand expanded}. */
  public String replaceAll(String s, String template) {
    return replace(s, template, false);
  }

  /** Go's {@code ReplaceAllLiteralString}: each match replaced by {@code replacement} as it is. */
  public String replaceAllLiteral(String s, String replacement) {
    return replace(s, replacement, true);
  }

  private String replace(String s, String replacement, boolean literal) {
    StringBuilder out = new StringBuilder();
    int[] copied = {0};
    forEachMatch(s, m -> {
      out.append(s, copied[0], m.start());
      out.append(literal ? replacement : expand(replacement, m));
      copied[0] = m.end();
    });
    return out.append(s, copied[0], s.length()).toString();
  }

  /** Each match from left to right; as in Go, an empty match right after a match does not count. */
  private void forEachMatch(String s, Consumer<Matcher> action) {
    Matcher m = pattern.matcher(s);
    int previousEnd = -1;
    int from = 0;
    while (from <= s.length() && m.find(from)) {
      if (m.end() > m.start() || m.start() != previousEnd) {
        action.accept(m);
        previousEnd = m.end();
      }
      from = m.end() > m.start() ? m.end() : m.end() + (m.end() < s.length() ? Character.charCount(s.codePointAt(m.end())) : 1);
    }
  }

  /**
   * Go's {@code Regexp.Expand}: {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}} become the
   * group's text (empty when it did not take part or does not exist), {@code $$} a dollar; a {@code $}
   * not followed by a name stays as it is.
   */
  public String expand(String template, Matcher match) {
    StringBuilder out = new StringBuilder(template.length());
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c != '$') {
        out.append(c);
        i++;
        continue;
      }
      if (i + 1 < template.length() && template.charAt(i + 1) == '$') {
        out.append('$');
        i += 2;
        continue;
      }
      boolean braced = i + 1 < template.length() && template.charAt(i + 1) == '{';
      int start = braced ? i + 2 : i + 1;
      int end = start;
      while (end < template.length()) {
        int cp = template.codePointAt(end);
        if (!Character.isLetter(cp) && !Character.isDigit(cp) && cp != '_') {
          break;
        }
        end += Character.charCount(cp);
      }
      if (end == start || (braced && (end == template.length() || template.charAt(end) != '}'))) {
        out.append('$');
        i++;
        continue;
      }
      String group = group(match, template.substring(start, end));
      if (group != null) {
        out.append(group);
      }
      i = braced ? end + 1 : end;
    }
    return out.toString();
  }

  /** The text of the group {@code name} (a number, or a group's name); {@code null} when there is none. */
  private String group(Matcher match, String name) {
    Integer index;
    boolean number = name.length() <= 9 && name.chars().allMatch(ch -> ch >= '0' && ch <= '9')
        && (name.length() == 1 || name.charAt(0) != '0');
    if (number) {
      index = Integer.parseInt(name);
    } else {
      index = namedGroups().get(name);
    }
    if (index == null || index > match.groupCount()) {
      return null;
    }
    return match.group(index);
  }

  @Override
  public String toString() {
    return expression;
  }

  /** An invalid regular expression; the message is Go's. */
  public static final class RegexSyntaxException extends IllegalArgumentException {
    private final String expression;

    RegexSyntaxException(String message, String expression) {
      super(message);
      this.expression = expression;
    }

    /** The expression that failed to compile. */
    public String expression() {
      return expression;
    }
  }
}
