package dev.floe.promql;

/** The type an expression evaluates to. */
public enum ValueType {
  SCALAR("scalar"),
  VECTOR("instant vector"),
  MATRIX("range vector"),
  STRING("string");

  private final String description;

  ValueType(String description) {
    this.description = description;
  }

  /** The name Prometheus uses in error messages, such as {@code instant vector}. */
  public String description() {
    return description;
  }
}
