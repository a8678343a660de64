package dev.floe.promql.engine;

import java.util.List;

/** An instant vector: one sample per series at one time. */
public record Vector(List<VectorSample> samples) implements Value {

  public Vector {
    samples = List.copyOf(samples);
  }
}
