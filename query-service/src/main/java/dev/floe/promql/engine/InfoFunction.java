package dev.floe.promql.engine;

import dev.floe.lang.LabelMatcher;
import dev.floe.lang.Labels;
import dev.floe.lang.MatchType;
import dev.floe.promql.Call;
import dev.floe.promql.VectorSelector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The experimental {@code info(v, {data matchers})}: adds the data labels of info series (by default
 * {@code target_info}) that share a sample's identifying labels {@code instance} and {@code job}.
 */
final class InfoFunction {
  private static final List<String> IDENTIFYING = List.of("instance", "job");

  private InfoFunction() {}

  static Vector eval(Evaluator ev, Call call, long t) {
    Vector base = ev.evalVector(call.args().get(0), t);
    List<LabelMatcher> nameMatchers = new ArrayList<>();
    List<LabelMatcher> dataMatchers = new ArrayList<>();
    if (call.args().size() > 1) {
      for (LabelMatcher matcher : ((VectorSelector) call.args().get(1)).allMatchers()) {
        (matcher.name().equals(Names.METRIC_NAME) ? nameMatchers : dataMatchers).add(matcher);
      }
    }
    boolean positiveName = nameMatchers.stream()
        .anyMatch(m -> m.type() == MatchType.EQUAL || m.type() == MatchType.REGEX);
    if (nameMatchers.isEmpty()) {
      nameMatchers.add(new LabelMatcher(Names.METRIC_NAME, MatchType.EQUAL, "target_info"));
    } else if (!positiveName) {
      // Only excluding names still looks among info metrics alone.
      nameMatchers.add(new LabelMatcher(Names.METRIC_NAME, MatchType.REGEX, ".+_info"));
    }
    List<LabelMatcher> infoMatchers = new ArrayList<>(nameMatchers);
    infoMatchers.addAll(dataMatchers);
    Map<Labels, List<Labels>> infosById = new HashMap<>();
    for (VectorSample info : ev.selectInstant(new VectorSelector(null, infoMatchers, 0, null), t, false).samples()) {
      infosById.computeIfAbsent(info.labels().only(IDENTIFYING), k -> new ArrayList<>()).add(info.labels());
    }
    Set<String> wanted = new HashSet<>();
    dataMatchers.forEach(m -> wanted.add(m.name()));
    boolean keepUnmatched = dataMatchers.stream().allMatch(LabelMatcher::matchesEmpty);
    List<VectorSample> out = new ArrayList<>();
    for (VectorSample sample : base.samples()) {
      // Info series themselves are not enriched.
      if (LabelMatcher.matchesAll(nameMatchers, sample.labels())) {
        out.add(sample);
        continue;
      }
      List<Labels> infos = infosById.getOrDefault(sample.labels().only(IDENTIFYING), List.of());
      if (infos.isEmpty()) {
        if (keepUnmatched) {
          out.add(sample);
        }
        continue;
      }
      Labels.Builder labels = sample.labels().toBuilder();
      for (Labels info : infos) {
        for (int i = 0; i < info.size(); i++) {
          String name = info.name(i);
          boolean data = !name.equals(Names.METRIC_NAME) && !IDENTIFYING.contains(name);
          if (data && (wanted.isEmpty() || wanted.contains(name)) && !sample.labels().has(name)) {
            labels.set(name, info.value(i));
          }
        }
      }
      out.add(sample.withLabels(labels.build()));
    }
    return new Vector(out);
  }
}
