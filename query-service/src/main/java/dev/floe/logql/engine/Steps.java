package dev.floe.logql.engine;

/** The evaluation times of a metric query: {@code start, start + step, ...} up to {@code end}; one for instants. */
record Steps(long start, long end, long step) {

  static Steps of(LogqlQuery query) {
    return new Steps(query.startNanos(), query.endNanos(), query.instant() ? 0 : query.stepNanos());
  }

  int count() {
    if (step == 0) {
      return 1;
    }
    long count = (end - start) / step + 1;
    if (count > Integer.MAX_VALUE) {
      throw LogqlQueryException.badRequest("too many steps: reduce the range or increase the step");
    }
    return (int) count;
  }

  long time(int index) {
    return start + index * step;
  }

  /** The index of the first step at or after {@code timeNanos}; {@link #count()} when there is none. */
  int indexAtOrAfter(long timeNanos) {
    if (timeNanos <= start) {
      return 0;
    }
    if (step == 0) {
      return 1;
    }
    long index = (timeNanos - start + step - 1) / step;
    return (int) Math.min(index, count());
  }

  long last() {
    return time(count() - 1);
  }
}
