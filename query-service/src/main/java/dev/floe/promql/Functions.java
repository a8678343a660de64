package dev.floe.promql;

import static dev.floe.promql.ValueType.MATRIX;
import static dev.floe.promql.ValueType.SCALAR;
import static dev.floe.promql.ValueType.STRING;
import static dev.floe.promql.ValueType.VECTOR;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The signatures of Prometheus 3's PromQL functions, stable and experimental. */
public final class Functions {
  private static final Map<String, Function> FUNCTIONS = new TreeMap<>();

  static {
    for (String name :
        List.of(
            "abs", "absent", "acos", "acosh", "asin", "asinh", "atan", "atanh", "ceil", "cos", "cosh", "deg",
            "exp", "floor", "histogram_avg", "histogram_count", "histogram_stddev", "histogram_stdvar",
            "histogram_sum", "ln", "log10", "log2", "rad", "sgn", "sin", "sinh", "sort", "sort_desc", "sqrt",
            "tan", "tanh", "timestamp")) {
      stable(name, VECTOR, 0, VECTOR);
    }
    for (String name :
        List.of(
            "absent_over_time", "avg_over_time", "changes", "count_over_time", "delta", "deriv", "idelta",
            "increase", "irate", "last_over_time", "max_over_time", "min_over_time", "present_over_time",
            "rate", "resets", "stddev_over_time", "stdvar_over_time", "sum_over_time")) {
      stable(name, VECTOR, 0, MATRIX);
    }
    for (String name :
        List.of("day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year")) {
      stable(name, VECTOR, 1, VECTOR);
    }
    stable("clamp", VECTOR, 0, VECTOR, SCALAR, SCALAR);
    stable("clamp_max", VECTOR, 0, VECTOR, SCALAR);
    stable("clamp_min", VECTOR, 0, VECTOR, SCALAR);
    stable("histogram_fraction", VECTOR, 0, SCALAR, SCALAR, VECTOR);
    stable("histogram_quantile", VECTOR, 0, SCALAR, VECTOR);
    stable("label_join", VECTOR, -1, VECTOR, STRING, STRING, STRING);
    stable("label_replace", VECTOR, 0, VECTOR, STRING, STRING, STRING, STRING);
    stable("pi", SCALAR, 0);
    stable("predict_linear", VECTOR, 0, MATRIX, SCALAR);
    stable("quantile_over_time", VECTOR, 0, SCALAR, MATRIX);
    stable("round", VECTOR, 1, VECTOR, SCALAR);
    stable("scalar", SCALAR, 0, VECTOR);
    stable("time", SCALAR, 0);
    stable("vector", VECTOR, 0, SCALAR);

    experimental("histogram_quantiles", VECTOR, -1, VECTOR, STRING, SCALAR);
    experimental("start_timestamp", VECTOR, 0, VECTOR);
    // The evaluation window as scalars, from Prometheus' duration expressions.
    for (String name : List.of("start", "end", "range", "step")) {
      experimental(name, SCALAR, 0);
    }
    experimental("min_of", SCALAR, 0, SCALAR, SCALAR);
    experimental("max_of", SCALAR, 0, SCALAR, SCALAR);
    experimental("double_exponential_smoothing", VECTOR, 0, MATRIX, SCALAR, SCALAR);
    experimental("info", VECTOR, 1, VECTOR, VECTOR);
    experimental("sort_by_label", VECTOR, -1, VECTOR, STRING);
    experimental("sort_by_label_desc", VECTOR, -1, VECTOR, STRING);
    for (String name :
        List.of(
            "first_over_time", "mad_over_time", "ts_of_first_over_time", "ts_of_last_over_time",
            "ts_of_max_over_time", "ts_of_min_over_time")) {
      experimental(name, VECTOR, 0, MATRIX);
    }
  }

  private Functions() {}

  /** The function of that exact name, or {@code null}. */
  public static Function get(String name) {
    return FUNCTIONS.get(name);
  }

  /** All known functions by name. */
  public static Map<String, Function> all() {
    return java.util.Collections.unmodifiableMap(FUNCTIONS);
  }

  private static void stable(String name, ValueType returnType, int variadic, ValueType... args) {
    FUNCTIONS.put(name, new Function(name, List.of(args), variadic, returnType, false));
  }

  private static void experimental(String name, ValueType returnType, int variadic, ValueType... args) {
    FUNCTIONS.put(name, new Function(name, List.of(args), variadic, returnType, true));
  }
}
