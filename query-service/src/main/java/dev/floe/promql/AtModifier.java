package dev.floe.promql;

import java.util.Locale;

/**
 * The {@code @} modifier: a fixed evaluation time, or the start or end of the query range.
 *
 * @param kind which form was written
 * @param timestampMillis the fixed time in milliseconds since the epoch; 0 for start() and end()
 */
public record AtModifier(Kind kind, long timestampMillis) {

  /** The forms of the {@code @} modifier. */
  public enum Kind {
    TIMESTAMP,
    START,
    END
  }

  static AtModifier at(long timestampMillis) {
    return new AtModifier(Kind.TIMESTAMP, timestampMillis);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case START -> "@ start()";
      case END -> "@ end()";
      case TIMESTAMP -> String.format(Locale.ROOT, "@ %.3f", timestampMillis / 1000.0);
    };
  }

  /** Appends the {@code @} and {@code offset} modifiers in Prometheus' order. */
  static String modifiers(AtModifier at, long offsetMillis, Expr offsetExpr) {
    StringBuilder out = new StringBuilder();
    if (at != null) {
      out.append(' ').append(at);
    }
    if (offsetExpr != null) {
      // Parenthesised, because a bare leading literal would end the offset when parsed back.
      out.append(" offset (").append(offsetExpr).append(')');
    } else if (offsetMillis > 0) {
      out.append(" offset ").append(Printing.duration(offsetMillis));
    } else if (offsetMillis < 0) {
      out.append(" offset -").append(Printing.duration(-offsetMillis));
    }
    return out.toString();
  }
}
