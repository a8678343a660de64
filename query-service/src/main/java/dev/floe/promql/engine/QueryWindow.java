package dev.floe.promql.engine;

import dev.floe.promql.AtModifier;

/** The time range and step of a query; an instant query has start = end and step 0. */
record QueryWindow(long startMs, long endMs, long stepMs) {

  /** The evaluation time an {@code @} modifier fixes; {@code time} when there is none. */
  long resolve(AtModifier at, long time) {
    if (at == null) {
      return time;
    }
    return switch (at.kind()) {
      case START -> startMs;
      case END -> endMs;
      case TIMESTAMP -> at.timestampMillis();
    };
  }
}
