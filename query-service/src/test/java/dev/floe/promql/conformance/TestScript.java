package dev.floe.promql.conformance;

import dev.floe.promql.conformance.ScriptCommand.Eval;
import dev.floe.promql.conformance.ScriptCommand.Expectations;
import dev.floe.promql.engine.Sample;
import dev.floe.lang.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses a Prometheus engine test script into its commands; see the README beside the scripts. */
final class TestScript {
  private static final Pattern INSTANT = Pattern.compile("^eval(?:_(\\w+))? instant at (\\S+) (.*)$");
  private static final Pattern RANGE = Pattern.compile("^eval(?:_(\\w+))? range from (\\S+) to (\\S+) step (\\S+) (.*)$");
  private static final Pattern RANGE_VECTOR = Pattern.compile("^range vector from (\\S+) to (\\S+) step (\\S+)$");

  private final List<String> lines;
  private int pos;

  private TestScript(List<String> lines) {
    this.lines = lines;
  }

  static List<ScriptCommand> parse(List<String> lines) {
    return new TestScript(lines).commands();
  }

  private List<ScriptCommand> commands() {
    List<ScriptCommand> commands = new ArrayList<>();
    while (pos < lines.size()) {
      String line = lines.get(pos).strip();
      pos++;
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.equals("clear")) {
        commands.add(new ScriptCommand.Clear());
      } else if (line.startsWith("load")) {
        commands.add(load(line));
      } else if (line.startsWith("eval")) {
        commands.add(eval(line));
      } else {
        throw new IllegalArgumentException("line " + pos + ": unknown command: " + line);
      }
    }
    return commands;
  }

  /** The indented lines following a command, comments dropped. */
  private List<String> body() {
    List<String> body = new ArrayList<>();
    while (pos < lines.size()) {
      String raw = lines.get(pos);
      if (raw.isBlank() || !Character.isWhitespace(raw.charAt(0))) {
        break;
      }
      pos++;
      String line = raw.strip();
      if (!line.startsWith("#")) {
        body.add(line);
      }
    }
    return body;
  }

  private ScriptCommand load(String line) {
    long interval = SeriesNotation.durationMillis(line.split("\\s+")[1]);
    Map<Labels, List<Sample>> series = new LinkedHashMap<>();
    for (String entry : body()) {
      SeriesNotation.Line parsed = SeriesNotation.splitLine(entry);
      series.put(parsed.labels(), SeriesNotation.values(parsed.values()));
    }
    return new ScriptCommand.Load(interval, series, line.startsWith("load_with_nhcb"));
  }

  private ScriptCommand eval(String line) {
    int lineNumber = pos;
    Matcher instant = INSTANT.matcher(line);
    Matcher range = RANGE.matcher(line);
    String modifier;
    String expr;
    long start;
    long end;
    long step;
    boolean isRange;
    if (instant.matches()) {
      modifier = instant.group(1);
      start = SeriesNotation.durationMillis(instant.group(2));
      end = start;
      step = 0;
      expr = instant.group(3);
      isRange = false;
    } else if (range.matches()) {
      modifier = range.group(1);
      start = SeriesNotation.durationMillis(range.group(2));
      end = SeriesNotation.durationMillis(range.group(3));
      step = SeriesNotation.durationMillis(range.group(4));
      expr = range.group(5);
      isRange = true;
    } else {
      throw new IllegalArgumentException("line " + lineNumber + ": malformed eval: " + line);
    }
    ExpectationsBuilder expect = new ExpectationsBuilder();
    if (modifier != null) {
      expect.add(modifier);
    }
    Map<Labels, List<Sample>> expected = new LinkedHashMap<>();
    List<Labels> order = new ArrayList<>();
    for (String entry : body()) {
      if (entry.startsWith("expect ")) {
        expect.add(entry.substring("expect ".length()).strip());
        continue;
      }
      List<String> tokens = SeriesNotation.tokens(entry);
      if (tokens.size() == 1 && isNumber(tokens.get(0))) {
        expected.put(null, List.of(Sample.of(start, SeriesNotation.number(tokens.get(0)))));
        continue;
      }
      SeriesNotation.Line parsed = SeriesNotation.splitLine(entry);
      expected.put(parsed.labels(), SeriesNotation.values(parsed.values()));
      order.add(parsed.labels());
    }
    return new Eval(lineNumber, expr, start, end, step, isRange, expected, order, expect.build());
  }

  private static boolean isNumber(String token) {
    try {
      SeriesNotation.number(token);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static final class ExpectationsBuilder {
    boolean fail;
    String failMessage;
    String failRegex;
    boolean warn;
    final List<String> warnMessages = new ArrayList<>();
    final List<String> warnRegexes = new ArrayList<>();
    boolean info;
    final List<String> infoMessages = new ArrayList<>();
    final List<String> infoRegexes = new ArrayList<>();
    boolean noWarn;
    boolean noInfo;
    boolean ordered;
    String string;
    long[] rangeVector;

    void add(String text) {
      String kind = text.split("\\s+")[0];
      String rest = text.substring(kind.length()).strip();
      String message = rest.startsWith("msg:") ? rest.substring(4).strip() : null;
      String regex = rest.startsWith("regex:") ? rest.substring(6).strip() : null;
      switch (kind) {
        case "fail" -> {
          fail = true;
          failMessage = message;
          failRegex = regex;
        }
        case "warn" -> {
          warn = true;
          addIfSet(warnMessages, message);
          addIfSet(warnRegexes, regex);
        }
        case "info" -> {
          info = true;
          addIfSet(infoMessages, message);
          addIfSet(infoRegexes, regex);
        }
        case "no_warn" -> noWarn = true;
        case "no_info" -> noInfo = true;
        case "ordered" -> ordered = true;
        case "string" -> string = rest.substring(1, rest.length() - 1);
        case "range" -> {
          Matcher matcher = RANGE_VECTOR.matcher(text);
          if (!matcher.matches()) {
            throw new IllegalArgumentException("malformed expect: " + text);
          }
          rangeVector = new long[] {SeriesNotation.durationMillis(matcher.group(1)),
              SeriesNotation.durationMillis(matcher.group(2)), SeriesNotation.durationMillis(matcher.group(3))};
        }
        default -> throw new IllegalArgumentException("unknown expectation: " + text);
      }
    }

    private static void addIfSet(List<String> list, String value) {
      if (value != null) {
        list.add(value);
      }
    }

    Expectations build() {
      return new Expectations(fail, failMessage, failRegex, warn, warnMessages, warnRegexes, info, infoMessages,
          infoRegexes, noWarn, noInfo, ordered, string, rangeVector);
    }
  }
}
