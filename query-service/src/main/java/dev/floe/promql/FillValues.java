package dev.floe.promql;

import dev.floe.lang.GoStrings;

/**
 * The experimental {@code fill}, {@code fill_left} and {@code fill_right} binary modifiers: values
 * used for a side that has no matching series.
 *
 * @param left the value standing in for a missing left-hand series, or {@code null}
 * @param right the value standing in for a missing right-hand series, or {@code null}
 */
public record FillValues(Double left, Double right) {

  @Override
  public String toString() {
    if (left != null && right != null && Double.compare(left, right) == 0) {
      return " fill(" + GoStrings.formatFloat(left) + ")";
    }
    StringBuilder out = new StringBuilder();
    if (left != null) {
      out.append(" fill_left(").append(GoStrings.formatFloat(left)).append(')');
    }
    if (right != null) {
      out.append(" fill_right(").append(GoStrings.formatFloat(right)).append(')');
    }
    return out.toString();
  }
}
