package dev.floe.logql;

/** {@code name op "value"}: a stream selector matcher, also used by label filters and {@code keep}/{@code drop}. */
public record LabelMatcher(String name, MatchOp op, String value) {

  /** Whether a label that is absent (has the empty value) passes; regexes are anchored as in Prometheus. */
  public boolean matchesEmpty() {
    switch (op) {
      case EQUAL:
        return value.isEmpty();
      case NOT_EQUAL:
        return !value.isEmpty();
      case REGEX:
        return Validation.compile(value).matcher("").matches();
      default:
        return !Validation.compile(value).matcher("").matches();
    }
  }

  @Override
  public String toString() {
    return name + op.symbol() + Literals.quote(value);
  }
}
