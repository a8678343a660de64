package dev.floe.promql.conformance;

import dev.floe.lang.LabelMatcher;
import dev.floe.lang.Labels;
import dev.floe.promql.Expr;
import dev.floe.promql.PromqlParser;
import dev.floe.promql.VectorSelector;
import dev.floe.promql.engine.FloatHistogram.CounterResetHint;
import dev.floe.promql.engine.FloatHistogram;
import dev.floe.promql.engine.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus's test notation for series and their values: {@code metric{l="v"} 1+2x3 _ stale {{schema:0 ...}}}.
 * A value sequence expands to one entry per step; {@code null} entries are gaps ({@code _}).
 */
final class SeriesNotation {
  private static final Pattern EXPANSION = Pattern.compile(
      "^([+-]?(?:[0-9.]+(?:[eE][+-]?\\d+)?|[A-Za-z]+|_))(?:([+-])([0-9.]+(?:[eE][+-]?\\d+)?|[A-Za-z]+))?x(\\d+)$");

  private SeriesNotation() {}

  /** The labels and the rest of the line, for a line starting with a series descriptor. */
  record Line(Labels labels, String values) {}

  static Line splitLine(String line) {
    String text = line.trim();
    int end;
    int brace = text.indexOf('{');
    int space = firstWhitespace(text);
    if (brace >= 0 && (space < 0 || brace < space)) {
      end = closingBrace(text, brace) + 1;
    } else {
      end = space < 0 ? text.length() : space;
    }
    return new Line(labels(text.substring(0, end)), text.substring(end).trim());
  }

  static Labels labels(String descriptor) {
    if (descriptor.replaceAll("\\s", "").equals("{}")) {
      return Labels.EMPTY;
    }
    Expr expr = PromqlParser.parse(descriptor);
    if (!(expr instanceof VectorSelector selector)) {
      throw new IllegalArgumentException("not a series descriptor: " + descriptor);
    }
    Labels.Builder builder = Labels.builder();
    for (LabelMatcher matcher : selector.allMatchers()) {
      builder.set(matcher.name(), matcher.value());
    }
    return builder.build();
  }

  private static int firstWhitespace(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static int closingBrace(String text, int open) {
    boolean quoted = false;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == '}' && !quoted) {
        return i;
      }
    }
    throw new IllegalArgumentException("unclosed brace: " + text);
  }

  /** Splits values at whitespace outside {@code {{ }}}. */
  static List<String> tokens(String values) {
    List<String> tokens = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < values.length(); i++) {
      char c = values.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      }
      if (Character.isWhitespace(c) && depth == 0) {
        if (current.length() > 0) {
          tokens.add(current.toString());
          current.setLength(0);
        }
      } else {
        current.append(c);
      }
    }
    if (current.length() > 0) {
      tokens.add(current.toString());
    }
    return tokens;
  }

  /** The expanded values; {@code null} for a gap. Floats are {@link Sample}s at time 0. */
  static List<Sample> values(String text) {
    List<Sample> out = new ArrayList<>();
    for (String token : tokens(text)) {
      expand(token, out);
    }
    return out;
  }

  private static void expand(String token, List<Sample> out) {
    if (token.equals("_")) {
      out.add(null);
      return;
    }
    if (token.equals("stale")) {
      out.add(Sample.of(0, Sample.STALE_NAN));
      return;
    }
    if (token.startsWith("{{")) {
      expandHistogram(token, out);
      return;
    }
    Matcher matcher = EXPANSION.matcher(token);
    if (!matcher.matches()) {
      out.add(Sample.of(0, number(token)));
      return;
    }
    int times = Integer.parseInt(matcher.group(4));
    if (matcher.group(1).equals("_")) {
      for (int i = 0; i < times; i++) {
        out.add(null);
      }
      return;
    }
    double value = number(matcher.group(1));
    double step = matcher.group(3) == null ? 0 : number(matcher.group(3)) * (matcher.group(2).equals("-") ? -1 : 1);
    for (int i = 0; i <= times; i++) {
      out.add(Sample.of(0, value));
      value += step;
    }
  }

  private static void expandHistogram(String token, List<Sample> out) {
    int end = token.indexOf("}}") + 2;
    FloatHistogram first = histogram(token.substring(0, end));
    String rest = token.substring(end);
    if (rest.isEmpty()) {
      out.add(Sample.of(0, first));
      return;
    }
    if (rest.startsWith("x")) {
      int times = Integer.parseInt(rest.substring(1));
      for (int i = 0; i <= times; i++) {
        out.add(Sample.of(0, first));
      }
      return;
    }
    boolean subtract = rest.charAt(0) == '-';
    int stepEnd = rest.indexOf("}}") + 2;
    FloatHistogram step = histogram(rest.substring(1, stepEnd));
    int times = Integer.parseInt(rest.substring(stepEnd + 1));
    FloatHistogram current = first;
    for (int i = 0; i <= times; i++) {
      out.add(Sample.of(0, current));
      current = current.combine(step, subtract).histogram().withHint(first.hint());
    }
  }

  private static final Pattern FIELD = Pattern.compile("(\\w+):(\\[[^\\]]*\\]|\\S+)");

  static FloatHistogram histogram(String text) {
    String body = text.substring(2, text.length() - 2);
    Map<String, String> fields = new HashMap<>();
    Matcher matcher = FIELD.matcher(body);
    while (matcher.find()) {
      fields.put(matcher.group(1), matcher.group(2));
    }
    int schema = Integer.parseInt(fields.getOrDefault("schema", "0"));
    CounterResetHint hint = switch (fields.getOrDefault("counter_reset_hint", "unknown")) {
      case "gauge" -> CounterResetHint.GAUGE;
      case "reset" -> CounterResetHint.COUNTER_RESET;
      case "not_reset" -> CounterResetHint.NOT_COUNTER_RESET;
      default -> CounterResetHint.UNKNOWN;
    };
    return new FloatHistogram(schema, number(fields.getOrDefault("z_bucket_w", "0")),
        number(fields.getOrDefault("z_bucket", "0")), number(fields.getOrDefault("count", "0")),
        number(fields.getOrDefault("sum", "0")),
        buckets(fields.get("buckets"), Integer.parseInt(fields.getOrDefault("offset", "0"))),
        buckets(fields.get("n_buckets"), Integer.parseInt(fields.getOrDefault("n_offset", "0"))),
        fields.containsKey("custom_values") ? list(fields.get("custom_values")) : null, hint);
  }

  private static Map<Integer, Double> buckets(String list, int offset) {
    Map<Integer, Double> buckets = new HashMap<>();
    if (list != null) {
      double[] counts = list(list);
      for (int i = 0; i < counts.length; i++) {
        buckets.put(offset + i, counts[i]);
      }
    }
    return buckets;
  }

  private static double[] list(String text) {
    String inner = text.substring(1, text.length() - 1).trim();
    if (inner.isEmpty()) {
      return new double[0];
    }
    return java.util.Arrays.stream(inner.split("\\s+")).mapToDouble(SeriesNotation::number).toArray();
  }

  static double number(String text) {
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    return switch (lower) {
      case "inf", "+inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      case "nan", "+nan", "-nan" -> Double.NaN;
      default -> lower.startsWith("0x") || lower.startsWith("-0x") || lower.startsWith("+0x")
          ? (double) Long.decode(text.replace("+", ""))
          : Double.parseDouble(text);
    };
  }

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|y|w|d|h|m|s)");

  /** A Prometheus duration such as {@code 1m30s}, or plain seconds. */
  static long durationMillis(String text) {
    if (text.matches("\\d+")) {
      return Long.parseLong(text) * 1000;
    }
    Matcher matcher = DURATION.matcher(text);
    long total = 0;
    int consumed = 0;
    while (matcher.find()) {
      long n = Long.parseLong(matcher.group(1));
      total += n * switch (matcher.group(2)) {
        case "ms" -> 1L;
        case "s" -> 1000L;
        case "m" -> 60_000L;
        case "h" -> 3_600_000L;
        case "d" -> 86_400_000L;
        case "w" -> 604_800_000L;
        default -> 31_536_000_000L;
      };
      consumed += matcher.group().length();
    }
    if (consumed != text.length()) {
      throw new IllegalArgumentException("invalid duration: " + text);
    }
    return total;
  }
}
