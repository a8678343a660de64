package dev.floe.promql.engine;

import java.util.List;

/** A range vector, or the result of a range query: series with their samples in time order. */
public record Matrix(List<Series> series) implements Value {

  public Matrix {
    series = List.copyOf(series);
  }
}
