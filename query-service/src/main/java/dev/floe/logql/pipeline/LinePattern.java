package dev.floe.logql.pipeline;

import dev.floe.logql.LogqlParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Loki pattern expression, {@code <ip> - - <_> "<method> <uri> <_>"}: literals and captures, where a
 * capture takes the text up to the next literal and {@code <_>} captures without naming.
 */
final class LinePattern {
  private static final String UNNAMED = "_";

  /** Alternating parts; a capture is a name (or {@code _}) and a literal its text. */
  private final String[] parts;
  private final boolean[] isCapture;
  private final List<String> names;

  private LinePattern(List<String> parts, List<Boolean> isCapture) {
    this.parts = parts.toArray(new String[0]);
    this.isCapture = new boolean[parts.size()];
    List<String> named = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      this.isCapture[i] = isCapture.get(i);
      if (this.isCapture[i] && !parts.get(i).equals(UNNAMED)) {
        named.add(parts.get(i));
      }
    }
    this.names = List.copyOf(named);
  }

  /**
   * Parses {@code pattern} for the {@code pattern} parser, which needs a named capture.
   *
   * @throws LogqlParseException when it has no named capture, two adjacent captures or a repeated name
   */
  static LinePattern parser(String pattern) {
    LinePattern parsed = parse(pattern);
    if (parsed.names.isEmpty()) {
      throw new LogqlParseException("at least one capture is required", 0, 0);
    }
    return parsed;
  }

  /**
   * Parses {@code pattern} for the {@code |>} line filter, where only {@code <_>} may capture.
   *
   * @throws LogqlParseException when it names a capture or has two adjacent captures
   */
  static LinePattern filter(String pattern) {
    LinePattern parsed = parse(pattern);
    if (!parsed.names.isEmpty()) {
      throw new LogqlParseException("named captures are not allowed", 0, 0);
    }
    return parsed;
  }

  private static LinePattern parse(String pattern) {
    List<String> parts = new ArrayList<>();
    List<Boolean> captures = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    Set<String> seen = new HashSet<>();
    int i = 0;
    while (i < pattern.length()) {
      int end = captureEnd(pattern, i);
      if (end < 0) {
        literal.append(pattern.charAt(i++));
        continue;
      }
      String name = pattern.substring(i + 1, end - 1);
      if (literal.length() > 0) {
        parts.add(literal.toString());
        captures.add(false);
        literal.setLength(0);
      } else if (!captures.isEmpty() && captures.get(captures.size() - 1)) {
        String previous = parts.get(parts.size() - 1);
        throw new LogqlParseException(
            "found consecutive capture '<" + previous + "><" + name + ">': invalid expression", 0, 0);
      }
      if (!name.equals(UNNAMED) && !seen.add(name)) {
        throw new LogqlParseException("duplicate capture name (" + name + "): invalid expression", 0, 0);
      }
      parts.add(name);
      captures.add(true);
      i = end;
    }
    if (literal.length() > 0) {
      parts.add(literal.toString());
      captures.add(false);
    }
    return new LinePattern(parts, captures);
  }

  /** The index after {@code <name>} starting at {@code start}, or -1 when no capture starts there. */
  private static int captureEnd(String pattern, int start) {
    if (pattern.charAt(start) != '<' || start + 1 >= pattern.length()) {
      return -1;
    }
    char first = pattern.charAt(start + 1);
    if (!(Character.isLetter(first) && first < 128 || first == '_')) {
      return -1;
    }
    for (int i = start + 2; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '>') {
        return i + 1;
      }
      if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_'))) {
        return -1;
      }
    }
    return -1;
  }

  /** The named captures, in order. */
  List<String> names() {
    return names;
  }

  /**
   * Matches {@code line} and hands each named capture to {@code sink}, in order; stops at the first
   * literal the line lacks, giving the capture before it the rest of the line, as Loki does.
   */
  void match(String line, CaptureSink sink) {
    if (line.isEmpty() || parts.length == 0) {
      return;
    }
    int at = 0;
    int part = 0;
    if (!isCapture[0]) {
      if (!line.startsWith(parts[0])) {
        return;
      }
      at = parts[0].length();
      part = 1;
    }
    int named = 0;
    while (part < parts.length) {
      String capture = parts[part];
      boolean keep = !capture.equals(UNNAMED);
      if (part + 1 == parts.length) {
        if (keep) {
          sink.accept(named, line.substring(at));
        }
        return;
      }
      int found = line.indexOf(parts[part + 1], at);
      if (found < 0) {
        if (keep) {
          sink.accept(named, line.substring(at));
        }
        return;
      }
      if (keep) {
        sink.accept(named++, line.substring(at, found));
      }
      at = found + parts[part + 1].length();
      part += 2;
    }
  }

  /**
   * Whether {@code line} fits the pattern as Loki's {@code |>} tests it: every literal appears in order, a
   * capture takes at least one character, and the line ends with the last literal unless the pattern ends
   * with a capture.
   */
  boolean test(String line) {
    int at = 0;
    for (int part = 0; part < parts.length; part++) {
      if (isCapture[part]) {
        continue;
      }
      int found = line.indexOf(parts[part], at);
      if (found < 0 || (part > 0 && found == at)) {
        return false;
      }
      at = found + parts[part].length();
    }
    boolean endsWithCapture = parts.length > 0 && isCapture[parts.length - 1];
    return endsWithCapture ? at < line.length() : at == line.length();
  }

  /** Receives the named captures of a match by their index in {@link #names()}. */
  interface CaptureSink {
    void accept(int nameIndex, String value);
  }
}
