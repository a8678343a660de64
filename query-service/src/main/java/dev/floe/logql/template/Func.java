package dev.floe.logql.template;

import java.util.List;

/**
 * A template function with Go's typed parameters: constants convert to them, other values must already have
 * the type. The last parameter repeats when {@code variadic} is set.
 */
record Func(String name, List<Type> params, boolean variadic, Impl impl) {

  /** The parameter types Loki's functions use. */
  enum Type {
    STRING("string"), INT("int"), FLOAT("float64"), TIME("time.Time"), ANY("interface {}");

    final String goName;

    Type(String goName) {
      this.goName = goName;
    }
  }

  /** The line being rendered, for {@code __line__} and {@code __timestamp__}. */
  interface Env {
    String line();

    long timestampNanos();
  }

  /** The function body; throws {@link IllegalArgumentException} for Go's returned errors. */
  @FunctionalInterface
  interface Impl {
    Object call(List<Object> args, Env env);
  }

  static Func of(String name, Impl impl, Type... params) {
    return new Func(name, List.of(params), false, impl);
  }

  static Func variadic(String name, Impl impl, Type... params) {
    return new Func(name, List.of(params), true, impl);
  }

  /** How many arguments the function needs at least. */
  int required() {
    return variadic ? params.size() - 1 : params.size();
  }

  Type paramType(int index) {
    return index < params.size() ? params.get(index) : params.get(params.size() - 1);
  }
}
