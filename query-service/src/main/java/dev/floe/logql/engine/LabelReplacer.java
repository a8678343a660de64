package dev.floe.logql.engine;

import dev.floe.logql.LogqlParseException;
import dev.floe.logql.MetricExpr.LabelReplace;
import dev.floe.logql.Re2;
import dev.floe.logql.engine.QueryValue.Sample;
import dev.floe.lang.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    Re2.Compiled compiled;
    try {
      compiled = Re2.compile("^(?:" + replace.regex() + ")$");
    } catch (LogqlParseException e) {
      throw LogqlQueryException.badRequest("invalid regex in label_replace: " + e.detail());
    }
    this.regex = compiled.pattern();
    for (int group = compiled.groupNames().size() - 1; group > 0; group--) {
      String name = compiled.groupNames().get(group);
      if (name != null) {
        // Go's Expand takes the leftmost group of a repeated name: fill from the right so it wins.
        groupNames.put(name, group);
      }
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
