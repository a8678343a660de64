package dev.floe.logql;

import dev.floe.lang.Durations;
import dev.floe.lang.GoStrings;
import dev.floe.lang.LabelMatcher;
import java.time.Duration;

/** A predicate on labels in a log pipeline; {@code and} binds tighter than {@code or}, as in Loki. */
public sealed interface LabelFilter {

  /** Comparison operators of numeric, duration and byte filters. */
  enum Comparison {
    GT(">"),
    GTE(">="),
    LT("<"),
    LTE("<="),
    EQ("=="),
    NEQ("!=");

    private final String symbol;

    Comparison(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /** {@code level="error"}, {@code path=~"/api/.*"}. */
  record StringFilter(LabelMatcher matcher) implements LabelFilter {
    @Override
    public String toString() {
      return matcher.toString();
    }
  }

  /** {@code status>=400}: the label's value read as a number. */
  record NumberFilter(String name, Comparison op, double value) implements LabelFilter {
    @Override
    public String toString() {
      return name + op.symbol() + Literals.number(value);
    }
  }

  /** {@code latency>250ms}: the label's value read as a Go duration. */
  record DurationFilter(String name, Comparison op, Duration value) implements LabelFilter {
    @Override
    public String toString() {
      return name + op.symbol() + Durations.format(value);
    }
  }

  /** {@code size>20MB}; keeps the literal as written since SI and IEC units give different byte counts. */
  record BytesFilter(String name, Comparison op, String value) implements LabelFilter {
    @Override
    public String toString() {
      return name + op.symbol() + value;
    }
  }

  /** {@code addr=ip("10.0.0.0/8")} or {@code !=}: an address, range or CIDR. */
  record IpFilter(String name, boolean negated, String pattern) implements LabelFilter {
    @Override
    public String toString() {
      return name + (negated ? "!=" : "=") + "ip(" + GoStrings.quote(pattern) + ")";
    }
  }

  /** Both sides must hold; also what {@code ,} and plain spaces between filters mean. */
  record And(LabelFilter left, LabelFilter right) implements LabelFilter {
    @Override
    public String toString() {
      String rightText = right instanceof And || right instanceof Or ? "(" + right + ")" : right.toString();
      return (left instanceof Or ? "(" + left + ")" : left.toString()) + " and " + rightText;
    }
  }

  /** Either side must hold. */
  record Or(LabelFilter left, LabelFilter right) implements LabelFilter {
    @Override
    public String toString() {
      return left + " or " + (right instanceof Or ? "(" + right + ")" : right.toString());
    }
  }
}
