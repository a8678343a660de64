package dev.floe.logql.template;

import static dev.floe.logql.template.Func.Type.ANY;
import static dev.floe.logql.template.Func.Type.FLOAT;
import static dev.floe.logql.template.Func.Type.INT;
import static dev.floe.logql.template.Func.Type.STRING;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * Sprig's arithmetic as Loki exposes it: integer functions convert their arguments with spf13/cast, float ones
 * compute in decimal (shopspring/decimal) so {@code addf 1.1 2.2} is 3.3; plus Loki's unit conversions.
 */
final class MathFunctions {
  /** shopspring/decimal's default division precision. */
  private static final int DIVISION_SCALE = 16;

  static final List<Func> ALL = List.of(
      Func.variadic("add", (a, env) -> a.stream().mapToLong(Values::toInt64).sum(), ANY),
      Func.of("sub", (a, env) -> Values.toInt64(a.get(0)) - Values.toInt64(a.get(1)), ANY, ANY),
      Func.variadic("mul", (a, env) -> a.stream().mapToLong(Values::toInt64).reduce(1, (x, y) -> x * y), ANY, ANY),
      Func.of("div", (a, env) -> Values.toInt64(a.get(0)) / divisor(a.get(1)), ANY, ANY),
      Func.of("mod", (a, env) -> Values.toInt64(a.get(0)) % divisor(a.get(1)), ANY, ANY),
      Func.variadic("max", (a, env) -> a.stream().mapToLong(Values::toInt64).max().getAsLong(), ANY, ANY),
      Func.variadic("min", (a, env) -> a.stream().mapToLong(Values::toInt64).min().getAsLong(), ANY, ANY),
      Func.variadic("addf", (a, env) -> decimal(BigDecimal.ZERO, a, BigDecimal::add), ANY),
      Func.variadic("subf", (a, env) -> decimal(a, BigDecimal::subtract), ANY, ANY),
      Func.variadic("mulf", (a, env) -> decimal(a, BigDecimal::multiply), ANY, ANY),
      Func.variadic("divf", (a, env) -> decimal(a, MathFunctions::divide), ANY, ANY),
      Func.variadic("maxf", (a, env) -> a.stream().mapToDouble(Values::toFloat64).reduce(Math::max).getAsDouble(), ANY, ANY),
      Func.variadic("minf", (a, env) -> a.stream().mapToDouble(Values::toFloat64).reduce(Math::min).getAsDouble(), ANY, ANY),
      Func.of("ceil", (a, env) -> Math.ceil(Values.toFloat64(a.get(0))), ANY),
      Func.of("floor", (a, env) -> Math.floor(Values.toFloat64(a.get(0))), ANY),
      Func.variadic("round", (a, env) -> round(a), ANY, INT, FLOAT),
      Func.of("int", (a, env) -> Values.toInt64(a.get(0)), ANY),
      Func.of("float64", (a, env) -> Values.toFloat64(a.get(0)), ANY),
      Func.of("bytes", (a, env) -> (double) Quantities.parseBytes((String) a.get(0)), STRING),
      Func.of("duration", (a, env) -> Quantities.parseDurationSeconds((String) a.get(0)), STRING),
      Func.of("duration_seconds", (a, env) -> Quantities.parseDurationSeconds((String) a.get(0)), STRING));

  private MathFunctions() {}

  private static long divisor(Object v) {
    long d = Values.toInt64(v);
    if (d == 0) {
      throw new ArithmeticException("runtime error: integer divide by zero");
    }
    return d;
  }

  private static double decimal(List<Object> args, BinaryOperator<BigDecimal> op) {
    return decimal(toDecimal(args.get(0)), args.subList(1, args.size()), op);
  }

  private static double decimal(BigDecimal start, List<Object> args, BinaryOperator<BigDecimal> op) {
    BigDecimal acc = start;
    for (Object arg : args) {
      acc = op.apply(acc, toDecimal(arg));
    }
    return acc.doubleValue();
  }

  private static BigDecimal toDecimal(Object v) {
    double d = Values.toFloat64(v);
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("Cannot create a Decimal from " + GoFormat.print(d));
    }
    return new BigDecimal(Double.toString(d));
  }

  private static BigDecimal divide(BigDecimal a, BigDecimal b) {
    if (b.signum() == 0) {
      throw new ArithmeticException("decimal division by zero");
    }
    return a.divide(b, DIVISION_SCALE, RoundingMode.HALF_UP);
  }

  /** Sprig's {@code round}: rounds up at {@code roundOn} (default .5) of the last kept place. */
  private static double round(List<Object> args) {
    double value = Values.toFloat64(args.get(0));
    double roundOn = args.size() > 2 ? (Double) args.get(2) : .5;
    double pow = Math.pow(10, (Long) args.get(1));
    double digit = pow * value;
    double fraction = digit - (digit < 0 ? Math.ceil(digit) : Math.floor(digit));
    return (fraction >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow;
  }
}
