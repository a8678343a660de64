package dev.floe.promql;

import java.util.List;

/**
 * The signature of a PromQL function.
 *
 * @param name the function name
 * @param argTypes the argument types; arguments past the end take the last type
 * @param variadic 0 for exactly {@code argTypes.size()} arguments, n &gt; 0 for between
 *     {@code argTypes.size() - 1} and {@code argTypes.size() + n - 1}, -1 for at least
 *     {@code argTypes.size() - 1}
 * @param returnType the result type
 * @param experimental whether Prometheus only offers it with experimental functions enabled
 */
public record Function(String name, List<ValueType> argTypes, int variadic, ValueType returnType, boolean experimental) {

  public Function {
    argTypes = List.copyOf(argTypes);
  }

  /** The type expected for the argument at {@code index}. */
  public ValueType argType(int index) {
    return argTypes.get(Math.min(index, argTypes.size() - 1));
  }
}
