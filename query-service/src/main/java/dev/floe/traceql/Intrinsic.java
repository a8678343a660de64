package dev.floe.traceql;

/** The intrinsic fields of spans and traces, with their scoped and legacy spellings and types. */
public enum Intrinsic {
  DURATION("span:duration", "duration", StaticType.DURATION),
  NAME("span:name", "name", StaticType.STRING),
  STATUS("span:status", "status", StaticType.STATUS),
  STATUS_MESSAGE("span:statusMessage", "statusMessage", StaticType.STRING),
  KIND("span:kind", "kind", StaticType.KIND),
  SPAN_ID("span:id", null, StaticType.STRING),
  PARENT_ID("span:parentID", null, StaticType.STRING),
  CHILD_COUNT("span:childCount", null, StaticType.INT),
  TRACE_DURATION("trace:duration", "traceDuration", StaticType.DURATION),
  ROOT_NAME("trace:rootName", "rootName", StaticType.STRING),
  ROOT_SERVICE("trace:rootService", "rootServiceName", StaticType.STRING),
  TRACE_ID("trace:id", null, StaticType.STRING),
  EVENT_NAME("event:name", null, StaticType.STRING),
  EVENT_TIME_SINCE_START("event:timeSinceStart", null, StaticType.DURATION),
  LINK_TRACE_ID("link:traceID", null, StaticType.STRING),
  LINK_SPAN_ID("link:spanID", null, StaticType.STRING),
  INSTRUMENTATION_NAME("instrumentation:name", null, StaticType.STRING),
  INSTRUMENTATION_VERSION("instrumentation:version", null, StaticType.STRING),
  NESTED_SET_LEFT(null, "nestedSetLeft", StaticType.INT),
  NESTED_SET_RIGHT(null, "nestedSetRight", StaticType.INT),
  NESTED_SET_PARENT(null, "nestedSetParent", StaticType.INT),
  PARENT(null, "parent", StaticType.NIL);

  private final String scoped;
  private final String legacy;
  private final StaticType type;

  Intrinsic(String scoped, String legacy, StaticType type) {
    this.scoped = scoped;
    this.legacy = legacy;
    this.type = type;
  }

  /** {@code span:name}, or null when there is no scoped form. */
  public String scoped() {
    return scoped;
  }

  /** {@code name}, or null when there is no unscoped form. */
  public String legacy() {
    return legacy;
  }

  public StaticType type() {
    return type;
  }

  /** The intrinsic spelled {@code text} (either form), or null. */
  public static Intrinsic of(String text) {
    for (Intrinsic i : values()) {
      if (text.equals(i.scoped) || text.equals(i.legacy)) {
        return i;
      }
    }
    return null;
  }
}
