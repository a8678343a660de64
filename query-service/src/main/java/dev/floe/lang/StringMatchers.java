package dev.floe.lang;

import dev.floe.lang.RegexShape.Anchor;
import dev.floe.lang.RegexShape.Any;
import dev.floe.lang.RegexShape.Literal;
import dev.floe.lang.RegexShape.Literals;
import dev.floe.lang.RegexShape.Piece;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Tests that answer as a regular expression would without running it, for the shapes Loki and
 * Prometheus also match directly: literals, alternations of literals, case-insensitive ASCII literals,
 * {@code .*} / {@code .+} around literals. Each answers exactly as RE2 does; a shape not listed gets no
 * fast test, only a required literal to check before the regex runs.
 */
final class StringMatchers {
  private StringMatchers() {}

  /** A test of whole strings against the pieces, or {@code null} when they have no fast form. */
  static Predicate<String> whole(List<Piece> pieces) {
    if (pieces == null) {
      return null;
    }
    List<Piece> inner = pieces;
    if (!inner.isEmpty() && inner.get(0) == Anchor.BEGIN) {
      inner = inner.subList(1, inner.size());
    }
    if (!inner.isEmpty() && inner.get(inner.size() - 1) == Anchor.END) {
      inner = inner.subList(0, inner.size() - 1);
    }
    if (inner.isEmpty()) {
      return String::isEmpty;
    }
    if (inner.size() == 1) {
      Piece only = inner.get(0);
      if (only instanceof Literal literal) {
        return literal.foldCase() ? anyFolded(List.of(literal.text()), StringMatchers::equalsFold)
            : literal.text()::equals;
      }
      if (only instanceof Literals set) {
        return set.foldCase() ? anyFolded(set.texts(), StringMatchers::equalsFold) : Set.copyOf(set.texts())::contains;
      }
      if (only instanceof Any any) {
        return any(any);
      }
      return null;
    }
    if (inner.size() <= 3 && middleSet(inner) instanceof Literals set && !set.foldCase()) {
      boolean open = inner.get(0) instanceof Any;
      boolean openEnd = inner.get(inner.size() - 1) instanceof Any;
      List<String> texts = set.texts();
      if (open && openEnd) {
        return s -> texts.stream().anyMatch(s::contains);
      }
      return open ? s -> texts.stream().anyMatch(s::endsWith) : s -> texts.stream().anyMatch(s::startsWith);
    }
    return glob(inner);
  }

  /** A test that some part of a string matches the pieces, or {@code null} when they have no fast form. */
  static Predicate<String> search(List<Piece> pieces) {
    if (pieces == null) {
      return null;
    }
    List<Piece> inner = pieces;
    boolean begin = !inner.isEmpty() && inner.get(0) == Anchor.BEGIN;
    boolean end = !inner.isEmpty() && inner.get(inner.size() - 1) == Anchor.END;
    if (begin && end && inner.size() > 1) {
      return whole(inner);
    }
    inner = inner.subList(begin ? 1 : 0, inner.size() - (end ? 1 : 0));
    // An unanchored search may let a leading or trailing .* match nothing.
    if (!begin && !inner.isEmpty() && inner.get(0) instanceof Any any && any.min() == 0) {
      inner = inner.subList(1, inner.size());
    }
    if (!end && !inner.isEmpty() && inner.get(inner.size() - 1) instanceof Any any && any.min() == 0) {
      inner = inner.subList(0, inner.size() - 1);
    }
    if (inner.isEmpty()) {
      return s -> true;
    }
    if (inner.size() != 1) {
      return null;
    }
    Piece only = inner.get(0);
    List<String> texts;
    boolean foldCase;
    if (only instanceof Literal literal) {
      texts = List.of(literal.text());
      foldCase = literal.foldCase();
    } else if (only instanceof Literals set) {
      texts = set.texts();
      foldCase = set.foldCase();
    } else if (only instanceof Any any && !begin && !end) {
      return any.min() == 0 ? s -> true : any.newline() ? s -> !s.isEmpty() : StringMatchers::hasNonNewline;
    } else {
      return null;
    }
    if (foldCase) {
      if (begin) {
        return anyFolded(texts, (s, t) -> s.length() >= t.length() && regionMatchesFold(s, 0, t));
      }
      if (end) {
        return anyFolded(texts, (s, t) -> s.length() >= t.length() && regionMatchesFold(s, s.length() - t.length(), t));
      }
      return anyFolded(texts, StringMatchers::containsFold);
    }
    if (texts.size() == 1) {
      String text = texts.get(0);
      return begin ? s -> s.startsWith(text) : end ? s -> s.endsWith(text) : s -> s.contains(text);
    }
    String[] all = texts.toArray(new String[0]);
    return s -> {
      for (String text : all) {
        if (begin ? s.startsWith(text) : end ? s.endsWith(text) : s.contains(text)) {
          return true;
        }
      }
      return false;
    };
  }

  /** The longest case-sensitive literal every match contains, or {@code null}: a cheap test to run first. */
  static String required(List<Piece> pieces) {
    String longest = null;
    if (pieces != null) {
      for (Piece piece : pieces) {
        if (piece instanceof Literal literal && !literal.foldCase()
            && (longest == null || literal.text().length() > longest.length())) {
          longest = literal.text();
        }
      }
    }
    return longest;
  }

  private static Predicate<String> any(Any any) {
    if (any.newline()) {
      return any.min() == 0 ? s -> true : s -> !s.isEmpty();
    }
    return any.min() == 0 ? s -> s.indexOf('\n') < 0 : s -> !s.isEmpty() && s.indexOf('\n') < 0;
  }

  private static boolean hasNonNewline(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) != '\n') {
        return true;
      }
    }
    return false;
  }

  /** The alternation of literals between optional leading and trailing {@code .*} (newline included). */
  private static Piece middleSet(List<Piece> pieces) {
    int first = 0;
    int last = pieces.size() - 1;
    if (pieces.get(first) instanceof Any any && any.min() == 0 && any.newline()) {
      first++;
    }
    if (last > first && pieces.get(last) instanceof Any any && any.min() == 0 && any.newline()) {
      last--;
    }
    return first == last ? pieces.get(first) : null;
  }

  /**
   * Literals separated by {@code .*} or {@code .+} (newline included), case-sensitive: each literal is
   * found at its leftmost place after the previous one, which finds a match whenever there is one.
   */
  private static Predicate<String> glob(List<Piece> pieces) {
    List<String> texts = new ArrayList<>();
    List<Integer> gaps = new ArrayList<>();
    int gap = 0;
    boolean openStart = false;
    for (int i = 0; i < pieces.size(); i++) {
      Piece piece = pieces.get(i);
      if (piece instanceof Any any && any.newline()) {
        openStart |= i == 0;
        gap += any.min();
      } else if (piece instanceof Literal literal && !literal.foldCase()) {
        texts.add(literal.text());
        gaps.add(gap);
        gap = 0;
      } else {
        return null;
      }
    }
    boolean openEnd = pieces.get(pieces.size() - 1) instanceof Any;
    int trailingGap = gap;
    // Two or more characters of gap could be one surrogate pair: leave those to the regex.
    if (texts.isEmpty() || trailingGap > 1 || gaps.stream().anyMatch(g -> g > 1)) {
      return null;
    }
    String[] parts = texts.toArray(new String[0]);
    int[] minGaps = gaps.stream().mapToInt(Integer::intValue).toArray();
    boolean anchoredStart = !openStart;
    return s -> {
      int at = 0;
      int last = parts.length - 1;
      for (int i = 0; i <= last; i++) {
        int from = at + minGaps[i];
        if (i == 0 && anchoredStart) {
          if (!s.startsWith(parts[0])) {
            return false;
          }
          at = parts[0].length();
          continue;
        }
        if (i == last && !openEnd) {
          int start = s.length() - parts[i].length();
          return start >= from && s.startsWith(parts[i], start);
        }
        int found = s.indexOf(parts[i], from);
        if (found < 0) {
          return false;
        }
        at = found + parts[i].length();
      }
      return s.length() - at >= trailingGap;
    };
  }

  private interface FoldTest {
    boolean test(String s, String lowerText);
  }

  /** {@code test} against each text, when all are ASCII (Go's folding of ASCII is checked directly). */
  private static Predicate<String> anyFolded(List<String> texts, FoldTest test) {
    List<String> lower = new ArrayList<>();
    for (String text : texts) {
      if (!text.chars().allMatch(c -> c < 0x80)) {
        return null;
      }
      lower.add(text.toLowerCase(Locale.ROOT));
    }
    Set<String> unique = new HashSet<>(lower);
    String[] all = unique.toArray(new String[0]);
    return s -> {
      for (String text : all) {
        if (test.test(s, text)) {
          return true;
        }
      }
      return false;
    };
  }

  private static boolean equalsFold(String s, String lowerText) {
    return s.length() == lowerText.length() && regionMatchesFold(s, 0, lowerText);
  }

  private static boolean containsFold(String s, String lowerText) {
    for (int i = 0, last = s.length() - lowerText.length(); i <= last; i++) {
      if (regionMatchesFold(s, i, lowerText)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code s} at {@code offset} holds {@code lowerText} (lower-case ASCII) under Go's simple folding. */
  private static boolean regionMatchesFold(String s, int offset, String lowerText) {
    for (int i = 0; i < lowerText.length(); i++) {
      char want = lowerText.charAt(i);
      char c = s.charAt(offset + i);
      if (c == want) {
        continue;
      }
      if (want >= 'a' && want <= 'z') {
        // Besides the upper-case letter, Go folds the Kelvin sign to k and the long s to s.
        if (c == want - ('a' - 'A') || (want == 'k' && c == '\u212a') || (want == 's' && c == '\u017f')) {
          continue;
        }
      }
      return false;
    }
    return true;
  }
}
