package dev.floe.logql.engine;

import dev.floe.logql.MetricExpr.LabelReplace;
import dev.floe.logql.engine.QueryValue.Sample;
import dev.floe.query.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code label_replace(v, dst, replacement, src, regex)} as Prometheus defines it: where the anchored regex
 * matches the value of {@code src}, {@code dst} is set to the replacement with {@code $1}, {@code ${name}}
 * expanded (Go's template rules); an empty result removes {@code dst}; other samples pass unchanged.
 */
final class LabelReplacer {
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern GROUP_NAME = Pattern.compile("[a-zA-Z0-9_]+");

  private final LabelReplace replace;
  private final Pattern regex;
  private final Map<String, Integer> groupNames = new HashMap<>();

  LabelReplacer(LabelReplace replace) {
    this.replace = replace;
    if (!LABEL_NAME.matcher(replace.destination()).matches()) {
      throw LogqlQueryException.badRequest(
          "invalid destination label name in label_replace(): " + replace.destination());
    }
    try {
      this.regex = Pattern.compile("^(?:" + numberNamedGroups(replace.regex()) + ")$");
    } catch (PatternSyntaxException e) {
      throw LogqlQueryException.badRequest(
          "invalid regular expression in label_replace(): " + replace.regex() + ": " + e.getDescription());
    }
  }

  List<Sample> apply(List<Sample> vector) {
    List<Sample> result = new ArrayList<>(vector.size());
    for (Sample sample : vector) {
      Matcher matcher = regex.matcher(sample.labels().get(replace.source()));
      if (!matcher.matches()) {
        result.add(sample);
        continue;
      }
      Labels labels = sample.labels().toBuilder().set(replace.destination(), expand(matcher)).build();
      result.add(new Sample(labels, sample.timestampNanos(), sample.value()));
    }
    return result;
  }

  /**
   * Go's named groups, {@code (?P<name>...)}, as plain Java groups: Java does not accept every name Go does,
   * so the names are resolved to group numbers here.
   */
  private String numberNamedGroups(String goRegex) {
    StringBuilder java = new StringBuilder(goRegex.length());
    int groups = 0;
    boolean inClass = false;
    for (int i = 0; i < goRegex.length(); i++) {
      char c = goRegex.charAt(i);
      if (c == '\\' && i + 1 < goRegex.length()) {
        java.append(c).append(goRegex.charAt(++i));
        continue;
      }
      if (inClass || c != '(') {
        inClass = inClass ? c != ']' : c == '[';
        java.append(c);
        continue;
      }
      int nameStart = goRegex.startsWith("(?P<", i) ? i + 4 : goRegex.startsWith("(?<", i) ? i + 3 : -1;
      int nameEnd = nameStart < 0 ? -1 : goRegex.indexOf('>', nameStart);
      if (nameEnd > nameStart) {
        groupNames.putIfAbsent(goRegex.substring(nameStart, nameEnd), ++groups);
        java.append('(');
        i = nameEnd;
      } else {
        if (!goRegex.startsWith("(?", i)) {
          groups++;
        }
        java.append(c);
      }
    }
    return java.toString();
  }

  /** Go's {@code Regexp.Expand}: {@code $$} is a dollar, a {@code $} not followed by a name stays as it is. */
  private String expand(Matcher matcher) {
    String template = replace.replacement();
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c != '$' || i + 1 == template.length()) {
        out.append(c);
        i++;
        continue;
      }
      if (template.charAt(i + 1) == '$') {
        out.append('$');
        i += 2;
        continue;
      }
      boolean braced = template.charAt(i + 1) == '{';
      Matcher name = GROUP_NAME.matcher(template).region(braced ? i + 2 : i + 1, template.length());
      int end = name.lookingAt() ? name.end() : -1;
      if (end < 0 || (braced && (end == template.length() || template.charAt(end) != '}'))) {
        out.append(c);
        i++;
        continue;
      }
      out.append(group(matcher, name.group()));
      i = braced ? end + 1 : end;
    }
    return out.toString();
  }

  private String group(Matcher matcher, String name) {
    Integer index;
    if (name.chars().allMatch(Character::isDigit)) {
      index = name.length() > 9 ? null : Integer.valueOf(name);
    } else {
      index = groupNames.get(name);
    }
    if (index == null || index > matcher.groupCount() || matcher.group(index) == null) {
      return "";
    }
    return matcher.group(index);
  }
}
