package dev.floe.logql.template;

import static dev.floe.logql.template.Func.Type.ANY;
import static dev.floe.logql.template.Func.Type.STRING;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Go text/template's predefined functions. */
final class BuiltinFunctions {
  static final List<Func> ALL = List.of(
      // and/or evaluate lazily in the evaluator; these bodies give the same result for evaluated arguments.
      Func.variadic("and", (a, env) -> firstWithTruth(a, false), ANY, ANY),
      Func.variadic("or", (a, env) -> firstWithTruth(a, true), ANY, ANY),
      Func.of("not", (a, env) -> !Values.truth(a.get(0)), ANY),
      Func.of("len", (a, env) -> length(a.get(0)), ANY),
      Func.variadic("index", (a, env) -> index(a.get(0), a.subList(1, a.size())), ANY, ANY),
      Func.variadic("slice", (a, env) -> slice(a.get(0), a.subList(1, a.size())), ANY, ANY),
      Func.variadic("print", (a, env) -> GoFormat.sprint(a), ANY),
      Func.variadic("println", (a, env) -> GoFormat.sprintln(a), ANY),
      Func.variadic("printf", (a, env) -> Printf.sprintf((String) a.get(0), a.subList(1, a.size())), STRING, ANY),
      Func.variadic("eq", (a, env) -> Values.eq(a.get(0), a.subList(1, a.size())), ANY, ANY),
      Func.of("ne", (a, env) -> !Values.eq(a.get(0), a.subList(1, 2)), ANY, ANY),
      Func.of("lt", (a, env) -> Values.lt(a.get(0), a.get(1)), ANY, ANY),
      Func.of("le", (a, env) -> Values.lt(a.get(0), a.get(1)) || Values.eq(a.get(0), a.subList(1, 2)), ANY, ANY),
      Func.of("gt", (a, env) -> !(Values.lt(a.get(0), a.get(1)) || Values.eq(a.get(0), a.subList(1, 2))), ANY, ANY),
      Func.of("ge", (a, env) -> !Values.lt(a.get(0), a.get(1)), ANY, ANY),
      Func.variadic("html", (a, env) -> Escapes.html(joined(a)), ANY),
      Func.variadic("js", (a, env) -> Escapes.js(joined(a)), ANY),
      Func.variadic("urlquery", (a, env) -> Escapes.queryEscape(joined(a)), ANY));

  private BuiltinFunctions() {}

  private static Object firstWithTruth(List<Object> args, boolean truth) {
    for (Object arg : args) {
      if (Values.truth(arg) == truth) {
        return arg;
      }
    }
    return args.get(args.size() - 1);
  }

  /** The escaping functions print their arguments as Sprint does, except a lone string. */
  private static String joined(List<Object> args) {
    return args.size() == 1 && args.get(0) instanceof String s ? s : GoFormat.sprint(args);
  }

  private static long length(Object v) {
    if (v instanceof String s) {
      return s.getBytes(StandardCharsets.UTF_8).length;
    } else if (v instanceof List<?> l) {
      return l.size();
    } else if (v instanceof Map<?, ?> m) {
      return m.size();
    } else if (v instanceof LabelMap m) {
      return m.values().size();
    } else if (v == null) {
      throw new IllegalArgumentException("len of nil pointer");
    }
    throw new IllegalArgumentException("len of type " + Values.typeName(v));
  }

  private static Object index(Object item, List<Object> indexes) {
    Object value = item;
    for (Object index : indexes) {
      if (value == null) {
        throw new IllegalArgumentException("index of untyped nil");
      }
      if (value instanceof LabelMap || value instanceof Map<?, ?>) {
        if (!(index instanceof String key)) {
          throw new IllegalArgumentException("value has type " + Values.typeName(index) + "; should be string");
        }
        value = value instanceof LabelMap labels ? labels.values().getOrDefault(key, "") : ((Map<?, ?>) value).get(key);
      } else if (value instanceof String || value instanceof List<?>) {
        int length = value instanceof String s ? s.getBytes(StandardCharsets.UTF_8).length : ((List<?>) value).size();
        int i = position(index, length - 1);
        value = value instanceof String s ? (long) (s.getBytes(StandardCharsets.UTF_8)[i] & 0xff) : ((List<?>) value).get(i);
      } else {
        throw new IllegalArgumentException("can't index item of type " + Values.typeName(value));
      }
    }
    return value;
  }

  private static Object slice(Object item, List<Object> indexes) {
    if (!(item instanceof String) && !(item instanceof List<?>)) {
      throw new IllegalArgumentException(item == null ? "slice of untyped nil" : "can't slice item of type "
          + Values.typeName(item));
    }
    if (indexes.size() > 3) {
      throw new IllegalArgumentException("too many slice indexes: " + indexes.size());
    }
    if (item instanceof String && indexes.size() == 3) {
      throw new IllegalArgumentException("cannot 3-index slice a string");
    }
    byte[] bytes = item instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : null;
    int length = bytes != null ? bytes.length : ((List<?>) item).size();
    int[] bounds = {0, length};
    for (int k = 0; k < Math.min(2, indexes.size()); k++) {
      bounds[k] = position(indexes.get(k), length);
    }
    if (bounds[0] > bounds[1]) {
      throw new IllegalArgumentException("invalid slice index: " + bounds[0] + " > " + bounds[1]);
    }
    if (bytes != null) {
      return new String(bytes, bounds[0], bounds[1] - bounds[0], StandardCharsets.UTF_8);
    }
    return new ArrayList<>(((List<?>) item).subList(bounds[0], bounds[1]));
  }

  private static int position(Object index, int max) {
    if (!(index instanceof Long l)) {
      throw new IllegalArgumentException("cannot index slice/array with type " + Values.typeName(index));
    }
    if (l < 0 || l > max) {
      throw new IllegalArgumentException("index out of range: " + l);
    }
    return (int) (long) l;
  }
}
