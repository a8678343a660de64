package dev.floe.logql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.logql.LogqlParser;
import dev.floe.logql.MetricExpr.RangeAggregation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The unwrapped range aggregations on one window of values 1, 4, 2, 5 at 10, 20, 30 and 40 s, worked by hand
 * from Loki's definitions; {@code rate_counter} treats 4 to 2 as a counter reset.
 */
class WindowFunctionEngineTest {
  private static final long[] TIMES = {10_000_000_000L, 20_000_000_000L, 30_000_000_000L, 40_000_000_000L};
  private static final double[] VALUES = {1, 4, 2, 5};

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          sum_over_time              | 12
          avg_over_time              | 3
          max_over_time              | 5
          min_over_time              | 1
          first_over_time            | 1
          last_over_time             | 5
          stdvar_over_time           | 2.5
          stddev_over_time           | 1.581139
          rate                       | 0.2
          quantile_over_time(0.5,    | 3
          quantile_over_time(0.9,    | 4.7
          quantile_over_time(0,      | 1
          quantile_over_time(1.5,    | +Inf
          quantile_over_time(-1,     | -Inf
          rate_counter               | 0.15
          """)
  void unwrappedAggregations(String function, String expected) {
    String call = function.endsWith(",") ? function : function + "(";
    RangeAggregation aggregation = (RangeAggregation) LogqlParser.parse(call + "{a=\"b\"} | unwrap v [1m])");
    double value = WindowFunction.of(aggregation).apply(TIMES, VALUES.clone(), 0, VALUES.length);
    assertThat(EngineFixture.number(value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          rate_counter        | 0
          stdvar_over_time    | 0
          avg_over_time       | 4
          """)
  void aSingleSample(String function, String expected) {
    RangeAggregation aggregation = (RangeAggregation) LogqlParser.parse(function + "({a=\"b\"} | unwrap v [1m])");
    double value = WindowFunction.of(aggregation).apply(TIMES, VALUES.clone(), 1, 2);
    assertThat(EngineFixture.number(value)).isEqualTo(expected);
  }
}
