package dev.floe.logql.engine;

import com.google.re2j.Matcher;
import dev.floe.lang.Labels;
import dev.floe.lang.Regex;
import dev.floe.logql.MetricExpr.LabelReplace;
import dev.floe.logql.engine.QueryValue.Sample;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code label_replace(v, dst, replacement, src, regex)} as Loki defines it: where {@code ^(?:regex)$}
 * matches the value of {@code src}, {@code dst} is set to the replacement expanded by Go's rules; an
 * empty result removes {@code dst}; other samples pass unchanged.
 */
final class LabelReplacer {
  private final LabelReplace replace;
  private final Regex regex;

  LabelReplacer(LabelReplace replace) {
    this.replace = replace;
    if (!Labels.isLegacyName(replace.destination())) {
      throw LogqlQueryException.badRequest(
          "invalid destination label name in label_replace(): " + replace.destination());
    }
    try {
      this.regex = Regex.compile("^(?:" + replace.regex() + ")$");
    } catch (Regex.RegexSyntaxException e) {
      throw LogqlQueryException.badRequest("invalid regex in label_replace: " + e.getMessage());
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
      String value = regex.expand(replace.replacement(), matcher);
      Labels labels = sample.labels().toBuilder().set(replace.destination(), value).build();
      result.add(new Sample(labels, sample.timestampNanos(), sample.value()));
    }
    return result;
  }
}
