package dev.floe.lang;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Map;

/**
 * A regular expression in RE2 syntax, matched in time linear in its input, as Loki, Prometheus and
 * Tempo match theirs. Every regular expression a query can send is compiled here, so a query can never
 * make the engine backtrack.
 */
public final class Regex {
  private final String expression;
  private final Pattern pattern;

  private Regex(String expression, Pattern pattern) {
    this.expression = expression;
    this.pattern = pattern;
  }

  /**
   * Compiles {@code expression} for unanchored search.
   *
   * @throws RegexSyntaxException with Go's {@code error parsing regexp} message when it is invalid
   */
  public static Regex compile(String expression) {
    return new Regex(expression, compilePattern(expression));
  }

  /**
   * Compiles {@code expression} to match whole values only, as label matchers in all three languages
   * do: {@code ^(?:expression)$}.
   */
  public static Regex compileAnchored(String expression) {
    compilePattern(expression); // errors name the expression as the user wrote it
    return new Regex(expression, compilePattern("^(?:" + expression + ")$"));
  }

  private static Pattern compilePattern(String expression) {
    try {
      return Pattern.compile(expression);
    } catch (PatternSyntaxException e) {
      throw new RegexSyntaxException(
          "error parsing regexp: " + e.getDescription() + ": `" + expression + "`", expression);
    }
  }

  /** The expression as written. */
  public String expression() {
    return expression;
  }

  /** Whether the whole of {@code text} matches. */
  public boolean matches(CharSequence text) {
    return pattern.matcher(text).matches();
  }

  /** Whether some part of {@code text} matches. */
  public boolean find(CharSequence text) {
    return pattern.matcher(text).find();
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
