package dev.floe.promql;

/** The experimental {@code anchored} and {@code smoothed} selector modifiers of extended range selectors. */
public enum RangeExtension {
  NONE(""),
  ANCHORED(" anchored"),
  SMOOTHED(" smoothed");

  private final String suffix;

  RangeExtension(String suffix) {
    this.suffix = suffix;
  }

  /** The modifier as printed after a selector, with its leading space; empty for {@link #NONE}. */
  String suffix() {
    return suffix;
  }
}
