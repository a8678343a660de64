package dev.floe.promql.engine;

import dev.floe.promql.Call;
import dev.floe.lang.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** label_replace and label_join. */
final class LabelFunctions {
  private LabelFunctions() {}

  static Vector eval(Evaluator ev, Call call, long t) {
    String name = call.function().name();
    Vector input = ev.evalVector(call.args().get(0), t);
    List<String> args = new ArrayList<>();
    for (int i = 1; i < call.args().size(); i++) {
      args.add(ev.evalString(call.args().get(i), t));
    }
    String destination = args.get(0);
    if (!Names.isValidLabelName(destination)) {
      throw new PromqlEvalException("invalid destination label name in " + name + "(): " + destination);
    }
    List<VectorSample> out = new ArrayList<>();
    if (name.equals("label_replace")) {
      Pattern regex;
      try {
        regex = Pattern.compile("^(?:" + args.get(3) + ")$", Pattern.DOTALL);
      } catch (PatternSyntaxException e) {
        throw new PromqlEvalException("invalid regular expression in label_replace(): " + args.get(3));
      }
      for (VectorSample sample : input.samples()) {
        Matcher matcher = regex.matcher(sample.labels().get(args.get(2)));
        if (!matcher.matches()) {
          out.add(sample);
          continue;
        }
        out.add(relabel(sample, destination, expand(args.get(1), matcher)));
      }
    } else {
      for (int i = 2; i < args.size(); i++) {
        if (!Names.isValidLabelName(args.get(i))) {
          throw new PromqlEvalException("invalid source label name in label_join(): " + args.get(i));
        }
      }
      for (VectorSample sample : input.samples()) {
        List<String> values = new ArrayList<>();
        for (int i = 2; i < args.size(); i++) {
          values.add(sample.labels().get(args.get(i)));
        }
        out.add(relabel(sample, destination, String.join(args.get(1), values)));
      }
    }
    return new Vector(out);
  }

  private static VectorSample relabel(VectorSample sample, String destination, String value) {
    Labels labels = sample.labels().toBuilder().set(destination, value).build();
    boolean dropName = sample.dropName() && !destination.equals(Names.METRIC_NAME);
    return new VectorSample(labels, sample.timestampMs(), sample.value(), sample.histogram(), dropName);
  }

  /** Go's {@code Regexp.Expand}: {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}}, {@code $$}. */
  static String expand(String template, Matcher matcher) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c != '$' || i + 1 >= template.length()) {
        out.append(c);
        i++;
        continue;
      }
      if (template.charAt(i + 1) == '$') {
        out.append('$');
        i += 2;
        continue;
      }
      String group;
      int end;
      if (template.charAt(i + 1) == '{') {
        int close = template.indexOf('}', i + 2);
        if (close < 0) {
          out.append(c);
          i++;
          continue;
        }
        group = template.substring(i + 2, close);
        end = close + 1;
      } else {
        end = i + 1;
        while (end < template.length() && (Character.isLetterOrDigit(template.charAt(end)) || template.charAt(end) == '_')) {
          end++;
        }
        group = template.substring(i + 1, end);
      }
      if (group.isEmpty()) {
        out.append(c);
        i++;
        continue;
      }
      out.append(groupValue(matcher, group));
      i = end;
    }
    return out.toString();
  }

  private static String groupValue(Matcher matcher, String group) {
    String value;
    try {
      if (group.chars().allMatch(Character::isDigit)) {
        int index = Integer.parseInt(group);
        value = index <= matcher.groupCount() ? matcher.group(index) : "";
      } else {
        value = matcher.group(group);
      }
    } catch (IllegalArgumentException e) {
      value = "";
    }
    return value == null ? "" : value;
  }
}
