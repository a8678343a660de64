package dev.floe.promql.engine;

import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/** The element-wise math and trigonometric functions. */
final class MathFunctions {
  private static final Map<String, DoubleUnaryOperator> FUNCTIONS = Map.ofEntries(
      Map.entry("abs", Math::abs),
      Map.entry("ceil", Math::ceil),
      Map.entry("floor", Math::floor),
      Map.entry("exp", Math::exp),
      Map.entry("sqrt", Math::sqrt),
      Map.entry("ln", Math::log),
      Map.entry("log2", NativeHistograms::log2),
      Map.entry("log10", Math::log10),
      Map.entry("sgn", Math::signum),
      Map.entry("sin", Math::sin),
      Map.entry("cos", Math::cos),
      Map.entry("tan", Math::tan),
      Map.entry("asin", Math::asin),
      Map.entry("acos", Math::acos),
      Map.entry("atan", Math::atan),
      Map.entry("sinh", Math::sinh),
      Map.entry("cosh", Math::cosh),
      Map.entry("tanh", Math::tanh),
      Map.entry("asinh", MathFunctions::asinh),
      Map.entry("acosh", v -> Math.log(v + Math.sqrt(v * v - 1))),
      Map.entry("atanh", v -> 0.5 * Math.log((1 + v) / (1 - v))),
      Map.entry("deg", Math::toDegrees),
      Map.entry("rad", Math::toRadians));

  private MathFunctions() {}

  /** The function of that name, or {@code null}. */
  static DoubleUnaryOperator get(String name) {
    return FUNCTIONS.get(name);
  }

  private static double asinh(double v) {
    if (Double.isInfinite(v) || v == 0) {
      return v;
    }
    return Math.copySign(Math.log(Math.abs(v) + Math.sqrt(v * v + 1)), v);
  }
}
