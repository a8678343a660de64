package dev.floe.traceql;

import java.util.List;

/**
 * A first-stage metrics function with its arguments: the attribute of the {@code _over_time} functions,
 * the quantiles of {@code quantile_over_time}, the grouping of {@code by(...)}, and for {@code compare()}
 * its selection filter, top-N and optional selection window (unix nanoseconds, 0 when absent).
 */
public record MetricsAggregate(
    MetricsFunction function,
    Attribute attribute,
    List<Double> quantiles,
    List<Attribute> by,
    SpansetFilter compareFilter,
    int topN,
    long compareStart,
    long compareEnd) {

  public MetricsAggregate {
    quantiles = List.copyOf(quantiles);
    by = List.copyOf(by);
  }
}
