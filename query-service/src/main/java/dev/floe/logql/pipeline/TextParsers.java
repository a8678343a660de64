package dev.floe.logql.pipeline;

import com.google.re2j.Matcher;
import dev.floe.lang.Labels;
import dev.floe.lang.Regex;
import dev.floe.logql.LogqlParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
    Regex compiled = LineFilters.regex(regex);
    List<String> groupNames = compiled.groupNames();
    Set<String> seen = new HashSet<>();
    for (String name : groupNames) {
      if (name.isEmpty()) {
        continue;
      }
      if (!Labels.isLegacyName(name)) {
        throw new LogqlParseException("invalid extracted label name '" + name + "'", 0, 0);
      }
      if (!seen.add(name)) {
        throw new LogqlParseException("duplicate extracted label name '" + name + "'", 0, 0);
      }
    }
    if (seen.isEmpty()) {
      throw new LogqlParseException("at least one named capture must be supplied", 0, 0);
    }
    return (ts, line, entry) -> {
      Matcher matcher = compiled.matcher(line);
      if (matcher.find()) {
        for (int group = 1; group < groupNames.size(); group++) {
          String name = groupNames.get(group);
          if (!name.isEmpty()) {
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
