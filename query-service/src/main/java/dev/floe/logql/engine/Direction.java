package dev.floe.logql.engine;

/** The order in which a log query reads entries: oldest first or newest first (Loki's default). */
public enum Direction {
  FORWARD,
  BACKWARD
}
