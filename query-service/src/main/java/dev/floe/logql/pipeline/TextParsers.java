package dev.floe.logql.pipeline;

import dev.floe.logql.LogqlParseException;
import dev.floe.logql.Re2;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/** The parsers that cut a line by shape: {@code regexp} (named groups) and {@code pattern} (captures). */
final class TextParsers {
  private TextParsers() {}

  /**
   * {@code | regexp "..."}: each named group of the first match becomes a label; a line that does not
   * match keeps its labels.
   *
   * @throws LogqlParseException when the expression is invalid or names no group, or names one twice
   */
  static StageFunction regexp(String regex) {
    Re2.Compiled compiled = Re2.compile(regex);
    List<String> groupNames = compiled.groupNames();
    Set<String> seen = new HashSet<>();
    for (String name : groupNames) {
      if (name == null) {
        continue;
      }
      if (!LabelNames.isValid(name)) {
        throw new LogqlParseException("invalid extracted label name '" + name + "'", 0, 0);
      }
      if (!seen.add(name)) {
        throw new LogqlParseException("duplicate extracted label name '" + name + "'", 0, 0);
      }
    }
    if (seen.isEmpty()) {
      throw new LogqlParseException("at least one named capture must be supplied", 0, 0);
    }
    Matcher matcher = compiled.pattern().matcher("");
    return (ts, line, entry) -> {
      if (matcher.reset(line).find()) {
        for (int group = 1; group < groupNames.size(); group++) {
          String name = groupNames.get(group);
          if (name != null) {
            String value = matcher.group(group);
            entry.setParsed(entry.parsedName(name), value == null ? "" : value);
          }
        }
      }
      return line;
    };
  }

  /** {@code | pattern "<ip> - <_>"}: each named capture becomes a label. */
  static StageFunction pattern(String pattern) {
    LinePattern parsed = LinePattern.parser(pattern);
    String[] names = parsed.names().toArray(new String[0]);
    return (ts, line, entry) -> {
      parsed.match(line, (index, value) -> entry.setParsed(entry.parsedName(names[index]), value));
      return line;
    };
  }
}
