package dev.floe.lang;

import java.util.ArrayList;
import java.util.List;

/**
 * The outline of an RE2 expression that RE2/J has already accepted: the sequence of literals, {@code .*}
 * / {@code .+} wildcards, text anchors and alternations of literals it concatenates, every other part
 * being opaque. Fast matchers are built from it; anything it cannot read with certainty makes the
 * outline unknown ({@code null}), and the expression is then left to the regex engine alone.
 */
final class RegexShape {
  /** One part of the concatenation. */
  sealed interface Piece permits Literal, Literals, Any, Anchor, Opaque {}

  /** Text matched as is, or with Go's simple case folding. */
  record Literal(String text, boolean foldCase) implements Piece {}

  /** One of several texts: an alternation of literals. */
  record Literals(List<String> texts, boolean foldCase) implements Piece {}

  /** {@code .*} ({@code min} 0) or {@code .+} ({@code min} 1); {@code newline} when {@code .} matches it. */
  record Any(int min, boolean newline) implements Piece {}

  /** {@code ^} or {@code $} outside multi-line mode ({@code \A}, {@code \z}): the start or end of the text. */
  enum Anchor implements Piece { BEGIN, END }

  /** Anything else: a class, a repeated character or group, an assertion, an alternation of non-literals. */
  enum Opaque implements Piece { INSTANCE }

  private static final class Flags {
    boolean foldCase;
    boolean dotNewline;
    boolean multiLine;

    Flags copy() {
      Flags copy = new Flags();
      copy.foldCase = foldCase;
      copy.dotNewline = dotNewline;
      copy.multiLine = multiLine;
      return copy;
    }
  }

  /** Thrown inside the reader for syntax it does not know; the outline is then unknown. */
  private static final class Unknown extends RuntimeException {
    Unknown() {
      super(null, null, false, false);
    }
  }

  private final String expression;
  private int pos;

  private RegexShape(String expression) {
    this.expression = expression;
  }

  /**
   * The pieces {@code expression} concatenates, adjacent literals merged; {@code null} when unknown.
   *
   * @param dotNewline whether {@code .} matches a newline to begin with ({@code (?s)})
   */
  static List<Piece> of(String expression, boolean dotNewline) {
    Flags flags = new Flags();
    flags.dotNewline = dotNewline;
    RegexShape reader = new RegexShape(expression);
    try {
      List<List<Piece>> branches = reader.alternation(flags);
      if (reader.pos != expression.length()) {
        return null;
      }
      return branches.size() == 1 ? merge(branches.get(0)) : List.of(literals(branches));
    } catch (Unknown | IndexOutOfBoundsException e) {
      return null; // past what it knows, or a bracket or brace it read differently than RE2 does
    }
  }

  /** Branches separated by {@code |}, up to a {@code )} or the end. */
  private List<List<Piece>> alternation(Flags flags) {
    List<List<Piece>> branches = new ArrayList<>();
    List<Piece> branch = new ArrayList<>();
    while (pos < expression.length()) {
      char c = expression.charAt(pos);
      if (c == ')') {
        break;
      }
      if (c == '|') {
        pos++;
        branches.add(branch);
        branch = new ArrayList<>();
        continue;
      }
      List<Piece> atom = c == '(' ? group(flags) : List.of(atom(flags));
      if (repetition()) {
        branch.add(Opaque.INSTANCE);
      } else {
        branch.addAll(atom);
      }
    }
    branches.add(branch);
    return branches;
  }

  /** One atom other than a group; a repetition after it is left for {@link #repetition}. */
  private Piece atom(Flags flags) {
    int c = expression.codePointAt(pos);
    switch (c) {
      case '[':
        skipClass();
        return Opaque.INSTANCE;
      case '\\':
        return escape(flags);
      case '.':
        pos++;
        return dot(flags);
      case '^':
        pos++;
        return flags.multiLine ? Opaque.INSTANCE : Anchor.BEGIN;
      case '$':
        pos++;
        return flags.multiLine ? Opaque.INSTANCE : Anchor.END;
      case '*':
      case '+':
      case '?':
        throw new Unknown();
      default:
        pos += Character.charCount(c);
        return new Literal(new String(Character.toChars(c)), flags.foldCase);
    }
  }

  /** {@code .*} and {@code .+} become wildcards; {@code .} alone or otherwise repeated is opaque. */
  private Piece dot(Flags flags) {
    if (pos < expression.length() && (expression.charAt(pos) == '*' || expression.charAt(pos) == '+')) {
      int min = expression.charAt(pos) == '*' ? 0 : 1;
      pos++;
      if (pos < expression.length() && expression.charAt(pos) == '?') {
        pos++; // lazy or greedy, the same strings match
      }
      return new Any(min, flags.dotNewline);
    }
    return Opaque.INSTANCE;
  }

  /** Consumes a repetition operator, if one follows; whether one did. */
  private boolean repetition() {
    if (pos >= expression.length()) {
      return false;
    }
    char c = expression.charAt(pos);
    int end;
    if (c == '*' || c == '+' || c == '?') {
      end = pos + 1;
    } else if (c == '{') {
      end = repeatEnd(pos);
      if (end < 0) {
        return false; // RE2 reads a '{' that starts no repeat count as a literal
      }
    } else {
      return false;
    }
    pos = end;
    if (pos < expression.length() && expression.charAt(pos) == '?') {
      pos++;
    }
    return true;
  }

  /** The end of {@code {n}}, {@code {n,}} or {@code {n,m}} starting at {@code from}, or -1. */
  private int repeatEnd(int from) {
    int i = from + 1;
    int digits = 0;
    while (i < expression.length() && Character.isDigit(expression.charAt(i))) {
      i++;
      digits++;
    }
    if (digits == 0) {
      return -1;
    }
    if (i < expression.length() && expression.charAt(i) == ',') {
      i++;
      while (i < expression.length() && Character.isDigit(expression.charAt(i))) {
        i++;
      }
    }
    return i < expression.length() && expression.charAt(i) == '}' ? i + 1 : -1;
  }

  /**
   * A group's pieces: a concatenation inlined, an alternation of literals as one piece, nothing for a
   * flag setting such as {@code (?i)}, which changes {@code outer}'s flags from here on.
   */
  private List<Piece> group(Flags outer) {
    pos++;
    Flags flags = outer.copy();
    if (expression.startsWith("?", pos)) {
      pos++;
      if (expression.startsWith("P<", pos) || expression.startsWith("<", pos)) {
        pos = after('>', pos);
      } else {
        int colon = expression.indexOf(':', pos);
        int close = expression.indexOf(')', pos);
        if (colon < 0 || close >= 0 && close < colon) {
          readFlags(outer);
          return List.of();
        }
        readFlags(flags);
      }
    }
    List<List<Piece>> branches = alternation(flags);
    if (pos >= expression.length() || expression.charAt(pos) != ')') {
      throw new Unknown();
    }
    pos++;
    return branches.size() == 1 ? merge(branches.get(0)) : List.of(literals(branches));
  }

  /** Reads flags such as {@code i} or {@code s-m} and the {@code :} or {@code )} that ends them. */
  private void readFlags(Flags flags) {
    boolean negated = false;
    while (true) {
      char c = expression.charAt(pos++);
      switch (c) {
        case 'i' -> flags.foldCase = !negated;
        case 's' -> flags.dotNewline = !negated;
        case 'm' -> flags.multiLine = !negated;
        case 'U' -> { } // greediness does not change which strings match
        case '-' -> negated = true;
        case ':', ')' -> {
          return;
        }
        default -> throw new Unknown();
      }
    }
  }

  private Piece escape(Flags flags) {
    char c = expression.charAt(pos + 1);
    pos += 2;
    switch (c) {
      case 'A':
        return Anchor.BEGIN;
      case 'z':
        return Anchor.END;
      case 'n':
        return new Literal("\n", flags.foldCase);
      case 't':
        return new Literal("\t", flags.foldCase);
      case 'r':
        return new Literal("\r", flags.foldCase);
      case 'f':
        return new Literal("\f", flags.foldCase);
      case 'v':
        return new Literal("\u000b", flags.foldCase);
      case 'a':
        return new Literal("\u0007", flags.foldCase);
      case 'd', 'D', 's', 'S', 'w', 'W', 'b', 'B':
        return Opaque.INSTANCE;
      case 'p', 'P':
        if (expression.charAt(pos) == '{') {
          pos = after('}', pos);
        } else {
          pos++;
        }
        return Opaque.INSTANCE;
      default:
        if (c < 0x80 && !Character.isLetterOrDigit(c)) {
          return new Literal(String.valueOf(c), flags.foldCase);
        }
        throw new Unknown();
    }
  }

  /** Skips a bracketed class: {@code []a]}, {@code [^\]]}, {@code [[:alpha:]x]}. */
  private void skipClass() {
    pos++;
    if (expression.charAt(pos) == '^') {
      pos++;
    }
    boolean first = true;
    while (true) {
      char c = expression.charAt(pos);
      if (c == ']' && !first) {
        pos++;
        return;
      }
      first = false;
      if (c == '\\') {
        char escaped = expression.charAt(pos + 1);
        pos += 2;
        if ((escaped == 'p' || escaped == 'P' || escaped == 'x') && expression.charAt(pos) == '{') {
          pos = after('}', pos);
        }
      } else if (c == '[' && expression.startsWith("[:", pos) && expression.indexOf(":]", pos + 2) > 0) {
        pos = after(']', expression.indexOf(":]", pos + 2) + 1);
      } else {
        pos++;
      }
    }
  }

  /** The index after the next {@code c} from {@code from}. */
  private int after(char c, int from) {
    int at = expression.indexOf(c, from);
    if (at < 0) {
      throw new Unknown();
    }
    return at + 1;
  }

  /** One piece for alternatives that are each a single literal (or literals), with one case mode. */
  private static Piece literals(List<List<Piece>> branches) {
    List<String> texts = new ArrayList<>();
    Boolean foldCase = null;
    for (List<Piece> branch : branches) {
      List<Piece> merged = merge(branch);
      if (merged.isEmpty()) {
        texts.add("");
        continue;
      }
      if (merged.size() != 1) {
        return Opaque.INSTANCE;
      }
      Piece piece = merged.get(0);
      boolean fold;
      if (piece instanceof Literal literal) {
        texts.add(literal.text());
        fold = literal.foldCase();
      } else if (piece instanceof Literals set) {
        texts.addAll(set.texts());
        fold = set.foldCase();
      } else {
        return Opaque.INSTANCE;
      }
      if (foldCase != null && foldCase != fold) {
        return Opaque.INSTANCE;
      }
      foldCase = fold;
    }
    return foldCase == null ? new Literal("", false) : new Literals(List.copyOf(texts), foldCase);
  }

  /** Joins adjacent literals of the same case mode and adjacent wildcards of the same newline mode. */
  private static List<Piece> merge(List<Piece> pieces) {
    List<Piece> out = new ArrayList<>(pieces.size());
    for (Piece piece : pieces) {
      Piece last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (piece instanceof Literal literal && last instanceof Literal previous
          && previous.foldCase() == literal.foldCase()) {
        out.set(out.size() - 1, new Literal(previous.text() + literal.text(), literal.foldCase()));
      } else if (piece instanceof Any any && last instanceof Any previous && previous.newline() == any.newline()
          && previous.min() + any.min() <= 1) {
        out.set(out.size() - 1, new Any(previous.min() + any.min(), any.newline()));
      } else if (!(piece instanceof Literal literal && literal.text().isEmpty())) {
        out.add(piece);
      }
    }
    return out;
  }
}
