package dev.floe.logql.engine;

import static dev.floe.logql.engine.EngineFixture.SECOND;

import dev.floe.lang.Labels;

/**
 * Four streams whose {@code count_over_time(...[1m])} at 60 s is: api/a 3, api/b 1, web/c 2, web/d 6; so
 * {@code sum by (app)} is api 4, web 8.
 */
final class PodFixture {
  static final String COUNTS = "count_over_time({app=~\".+\"}[1m])";
  static final String BY_APP = "sum by (app) (" + COUNTS + ")";

  private PodFixture() {}

  static LogSource source() {
    InMemoryLogSource source = new InMemoryLogSource();
    add(source, Labels.of("app", "api", "pod", "a"), 3);
    add(source, Labels.of("app", "api", "pod", "b"), 1);
    add(source, Labels.of("app", "web", "pod", "c"), 2);
    add(source, Labels.of("app", "web", "pod", "d"), 6);
    return source;
  }

  private static void add(InMemoryLogSource source, Labels stream, int lines) {
    for (int i = 1; i <= lines; i++) {
      source.add(stream, (10L * i - 5) * SECOND, "line " + i);
    }
  }
}
