package dev.floe.promql.engine;

import dev.floe.lang.Labels;
import java.util.List;

/**
 * A labelled series and its samples in time order.
 *
 * @param labels the series identity, including {@code __name__}
 * @param samples the samples, sorted by timestamp
 */
public record Series(Labels labels, List<Sample> samples) {

  public Series {
    samples = List.copyOf(samples);
  }
}
