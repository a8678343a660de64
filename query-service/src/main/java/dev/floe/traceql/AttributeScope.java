package dev.floe.traceql;

/** Where an attribute is looked up; {@link #NONE} is the unscoped {@code .name} (span, then resource). */
public enum AttributeScope {
  NONE(""), RESOURCE("resource"), SPAN("span"), EVENT("event"), LINK("link"), INSTRUMENTATION("instrumentation");

  private final String prefix;

  AttributeScope(String prefix) {
    this.prefix = prefix;
  }

  /** {@code resource}, or "" for unscoped. */
  public String prefix() {
    return prefix;
  }

  static AttributeScope ofPrefix(String prefix) {
    for (AttributeScope s : values()) {
      if (s.prefix.equals(prefix)) {
        return s;
      }
    }
    return null;
  }
}
