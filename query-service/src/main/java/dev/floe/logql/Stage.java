package dev.floe.logql;

import dev.floe.lang.GoStrings;
import dev.floe.lang.LabelMatcher;
import java.util.List;
import java.util.stream.Collectors;

/** One step of a log pipeline; {@code toString} prints it as written after the selector. */
public sealed interface Stage {

  /** The line filter operators: contains, regex, pattern, and their negations. */
  enum LineFilterOp {
    CONTAINS("|="),
    NOT_CONTAINS("!="),
    REGEX("|~"),
    NOT_REGEX("!~"),
    PATTERN("|>"),
    NOT_PATTERN("!>");

    private final String symbol;

    LineFilterOp(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /** One alternative of a line filter: a literal (string, regex or pattern) or {@code ip("cidr")}. */
  record LineMatch(String value, boolean ip) {
    @Override
    public String toString() {
      return ip ? "ip(" + GoStrings.quote(value) + ")" : GoStrings.quote(value);
    }
  }

  /** {@code |= "a" or "b"}: keeps lines matching any alternative (or, negated, none). */
  record LineFilter(LineFilterOp op, List<LineMatch> matches) implements Stage {
    public LineFilter {
      matches = List.copyOf(matches);
    }

    @Override
    public String toString() {
      return op.symbol() + " " + matches.stream().map(LineMatch::toString).collect(Collectors.joining(" or "));
    }
  }

  /** {@code name="expression"} for json and logfmt; a null expression extracts the label of the same name. */
  record Extraction(String name, String expression) {
    @Override
    public String toString() {
      return expression == null ? name : name + "=" + GoStrings.quote(expression);
    }
  }

  /** {@code | json} or {@code | json a="b.c", d}. */
  record Json(List<Extraction> extractions) implements Stage {
    public Json {
      extractions = List.copyOf(extractions);
    }

    @Override
    public String toString() {
      return withParams("| json", extractions);
    }
  }

  /** {@code | logfmt --strict --keep-empty a, b="c"}. */
  record Logfmt(boolean strict, boolean keepEmpty, List<Extraction> extractions) implements Stage {
    public Logfmt {
      extractions = List.copyOf(extractions);
    }

    @Override
    public String toString() {
      String head = "| logfmt" + (strict ? " --strict" : "") + (keepEmpty ? " --keep-empty" : "");
      return withParams(head, extractions);
    }
  }

  /** {@code | regexp "(?P<name>...)"}: named groups become labels. */
  record Regexp(String regex) implements Stage {
    @Override
    public String toString() {
      return "| regexp " + GoStrings.quote(regex);
    }
  }

  /** {@code | pattern "<ip> - <_>"}. */
  record PatternParser(String pattern) implements Stage {
    @Override
    public String toString() {
      return "| pattern " + GoStrings.quote(pattern);
    }
  }

  /** {@code | unpack}: the labels Promtail's pack stage embedded in the line. */
  record Unpack() implements Stage {
    @Override
    public String toString() {
      return "| unpack";
    }
  }

  /** {@code | status>=400 and level="error"}. */
  record LabelFilterStage(LabelFilter filter) implements Stage {
    @Override
    public String toString() {
      return "| " + filter;
    }
  }

  /** {@code | line_format "{{.msg}}"}. */
  record LineFormat(String template) implements Stage {
    @Override
    public String toString() {
      return "| line_format " + GoStrings.quote(template);
    }
  }

  /** One {@code label_format} item: {@code dst=src} renames, {@code dst="{{...}}"} renders a template. */
  record LabelFormatItem(String target, String source, boolean template) {
    @Override
    public String toString() {
      return target + "=" + (template ? GoStrings.quote(source) : source);
    }
  }

  /** {@code | label_format a=b, c="{{.x}}"}. */
  record LabelFormat(List<LabelFormatItem> items) implements Stage {
    public LabelFormat {
      items = List.copyOf(items);
    }

    @Override
    public String toString() {
      return withParams("| label_format", items);
    }
  }

  /** A {@code keep}/{@code drop} item: a bare label name (null matcher) or a matcher on its value. */
  record LabelSelection(String name, LabelMatcher matcher) {
    @Override
    public String toString() {
      return matcher == null ? name : matcher.toString();
    }
  }

  /** {@code | keep a, b="c"}: only these labels stay. */
  record Keep(List<LabelSelection> labels) implements Stage {
    public Keep {
      labels = List.copyOf(labels);
    }

    @Override
    public String toString() {
      return withParams("| keep", labels);
    }
  }

  /** {@code | drop a, b="c"}: these labels go. */
  record Drop(List<LabelSelection> labels) implements Stage {
    public Drop {
      labels = List.copyOf(labels);
    }

    @Override
    public String toString() {
      return withParams("| drop", labels);
    }
  }

  /** {@code | decolorize}: strips ANSI colour sequences from lines. */
  record Decolorize() implements Stage {
    @Override
    public String toString() {
      return "| decolorize";
    }
  }

  /** {@code | distinct a, b}: the first line for each combination of these labels. */
  record Distinct(List<String> labels) implements Stage {
    public Distinct {
      labels = List.copyOf(labels);
    }

    @Override
    public String toString() {
      return withParams("| distinct", labels);
    }
  }

  /** How {@code unwrap} turns a label's text into a sample value. */
  enum Conversion {
    NONE(""),
    DURATION("duration"),
    DURATION_SECONDS("duration_seconds"),
    BYTES("bytes");

    private final String function;

    Conversion(String function) {
      this.function = function;
    }

    public String function() {
      return function;
    }
  }

  /** {@code | unwrap x} or {@code | unwrap duration(x)}: the sample value of a range aggregation. */
  record Unwrap(String label, Conversion conversion) implements Stage {
    @Override
    public String toString() {
      return conversion == Conversion.NONE
          ? "| unwrap " + label
          : "| unwrap " + conversion.function() + "(" + label + ")";
    }
  }

  private static String withParams(String head, List<?> params) {
    if (params.isEmpty()) {
      return head;
    }
    return head + " " + params.stream().map(Object::toString).collect(Collectors.joining(", "));
  }
}
