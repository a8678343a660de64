package dev.floe.traceql;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A TraceQL value: a literal in a query, or a span's attribute or intrinsic during evaluation. Integers,
 * durations (nanoseconds), booleans, statuses and kinds (OTLP codes) are held in {@code number}.
 */
public final class Static implements FieldExpr, ScalarExpr {
  public static final Static NIL = new Static(StaticType.NIL, 0, 0, null, null);
  public static final Static TRUE = new Static(StaticType.BOOL, 1, 0, null, null);
  public static final Static FALSE = new Static(StaticType.BOOL, 0, 0, null, null);
  static final String[] STATUS_NAMES = {"unset", "ok", "error"};
  static final String[] KIND_NAMES = {"unspecified", "internal", "server", "client", "producer", "consumer"};

  private final StaticType type;
  private final long number;
  private final double floating;
  private final String string;
  private final List<Static> elements;

  private Static(StaticType type, long number, double floating, String string, List<Static> elements) {
    this.type = type;
    this.number = number;
    this.floating = floating;
    this.string = string;
    this.elements = elements;
  }

  public static Static ofInt(long value) {
    return new Static(StaticType.INT, value, 0, null, null);
  }

  public static Static ofFloat(double value) {
    return new Static(StaticType.FLOAT, 0, value, null, null);
  }

  public static Static ofString(String value) {
    return new Static(StaticType.STRING, 0, 0, value, null);
  }

  public static Static ofBool(boolean value) {
    return value ? TRUE : FALSE;
  }

  public static Static ofDuration(long nanos) {
    return new Static(StaticType.DURATION, nanos, 0, null, null);
  }

  /** A status by its OTLP code: 0 unset, 1 ok, 2 error. */
  public static Static ofStatus(int code) {
    return new Static(StaticType.STATUS, code, 0, null, null);
  }

  /** A kind by its OTLP code: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  public static Static ofKind(int code) {
    return new Static(StaticType.KIND, code, 0, null, null);
  }

  public static Static ofArray(StaticType arrayType, List<Static> elements) {
    return new Static(arrayType, 0, 0, null, List.copyOf(elements));
  }

  public StaticType type() {
    return type;
  }

  public boolean isNil() {
    return type == StaticType.NIL;
  }

  public long asLong() {
    return type == StaticType.FLOAT ? (long) floating : number;
  }

  /** The numeric value; NaN for non-numbers. */
  public double asDouble() {
    switch (type) {
      case FLOAT: return floating;
      case INT:
      case DURATION: return number;
      default: return Double.NaN;
    }
  }

  /** The value as a metric: durations in seconds, other numbers as they are; NaN for non-numbers. */
  public double asMetric() {
    return type == StaticType.DURATION ? number / 1e9 : asDouble();
  }

  public boolean asBool() {
    return type == StaticType.BOOL && number != 0;
  }

  public String asString() {
    return string;
  }

  public List<Static> elements() {
    return elements == null ? List.of() : elements;
  }

  /** The value as Tempo prints it in a tag value or label: strings bare, durations Go-formatted. */
  public String text() {
    switch (type) {
      case NIL: return "nil";
      case INT: return Long.toString(number);
      case FLOAT: return formatFloat(floating);
      case STRING: return string;
      case BOOL: return number != 0 ? "true" : "false";
      case DURATION: return GoDuration.format(number);
      case STATUS: return number >= 0 && number < STATUS_NAMES.length ? STATUS_NAMES[(int) number] : Long.toString(number);
      case KIND: return number >= 0 && number < KIND_NAMES.length ? KIND_NAMES[(int) number] : Long.toString(number);
      default: {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < elements.size(); i++) {
          out.append(i == 0 ? "" : " ").append(elements.get(i).text());
        }
        return out.append(']').toString();
      }
    }
  }

  /** Go's %g-like shortest float text. */
  static String formatFloat(double value) {
    if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e21) {
      return Long.toString((long) value);
    }
    String text = Double.toString(value);
    return text.contains("E") ? text.toLowerCase(Locale.ROOT).replace("e", "e+").replace("e+-", "e-") : text;
  }

  /** As written in a query. */
  @Override
  public String toString() {
    switch (type) {
      case STRING: return dev.floe.lang.GoStrings.quote(string);
      default: return text();
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Static)) {
      return false;
    }
    Static other = (Static) o;
    return type == other.type && number == other.number
        && Double.compare(floating, other.floating) == 0
        && Objects.equals(string, other.string) && Objects.equals(elements, other.elements);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, number, floating, string, elements);
  }
}
