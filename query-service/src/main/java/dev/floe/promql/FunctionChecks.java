package dev.floe.promql;

import java.util.List;
import java.util.Locale;

/** Checks a call's argument count and types against the function's signature. */
final class FunctionChecks {
  private static final List<String> ANCHORED_FUNCTIONS = List.of("changes", "delta", "increase", "rate", "resets");
  private static final List<String> SMOOTHED_FUNCTIONS = List.of("delta", "increase", "rate");

  private FunctionChecks() {}

  static void check(PromqlParser parser, int start, Function function, List<Expr> args) {
    int declared = function.argTypes().size();
    int given = args.size();
    String name = "\"" + function.name() + "\"";
    if (function.variadic() == 0) {
      if (given != declared) {
        throw parser.error(start, "expected " + declared + " argument(s) in call to " + name + ", got " + given);
      }
    } else {
      int min = declared - 1;
      if (given < min) {
        throw parser.error(start, "expected at least " + min + " argument(s) in call to " + name + ", got " + given);
      }
      int max = declared + function.variadic() - 1;
      if (function.variadic() > 0 && given > max) {
        throw parser.error(start, "expected at most " + max + " argument(s) in call to " + name + ", got " + given);
      }
    }
    for (int i = 0; i < given; i++) {
      ValueType expected = function.argType(i);
      ValueType actual = args.get(i).type();
      if (actual != expected) {
        throw parser.error(start, "expected type " + expected.description() + " in call to function " + name
            + ", got " + actual.description());
      }
      if (args.get(i) instanceof MatrixSelector matrix) {
        checkExtension(parser, start, function, matrix.selector().extension());
      }
    }
  }

  /** Extended range selectors only make sense for the functions that interpolate at the range edges. */
  private static void checkExtension(PromqlParser parser, int start, Function function, RangeExtension extension) {
    List<String> allowed = switch (extension) {
      case ANCHORED -> ANCHORED_FUNCTIONS;
      case SMOOTHED -> SMOOTHED_FUNCTIONS;
      case NONE -> null;
    };
    if (allowed != null && !allowed.contains(function.name())) {
      throw parser.error(start, extension.name().toLowerCase(Locale.ROOT) + " modifier can only be used with: "
          + String.join(", ", allowed) + " - not with " + function.name());
    }
  }
}
