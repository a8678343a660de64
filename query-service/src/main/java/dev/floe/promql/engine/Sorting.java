package dev.floe.promql.engine;

import dev.floe.promql.Call;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** sort, sort_desc and the experimental sort_by_label and sort_by_label_desc. */
final class Sorting {
  private Sorting() {}

  static Vector eval(Evaluator ev, Call call, long t) {
    String name = call.function().name();
    if (ev.window().stepMs() > 0) {
      ev.annotations().warn("sort is ineffective for range queries since results are always ordered by labels", call);
    }
    List<VectorSample> samples = new ArrayList<>(ev.evalVector(call.args().get(0), t).samples());
    Comparator<VectorSample> order;
    if (name.startsWith("sort_by_label")) {
      List<String> labels = new ArrayList<>();
      for (int i = 1; i < call.args().size(); i++) {
        labels.add(ev.evalString(call.args().get(i), t));
      }
      order = (a, b) -> {
        for (String label : labels) {
          int cmp = NaturalOrder.INSTANCE.compare(a.labels().get(label), b.labels().get(label));
          if (cmp != 0) {
            return cmp;
          }
        }
        return a.labels().compareTo(b.labels());
      };
      if (name.endsWith("_desc")) {
        order = order.reversed();
      }
    } else {
      samples.removeIf(VectorSample::isHistogram);
      Comparator<VectorSample> byValue = Comparator.comparingDouble(VectorSample::value);
      order = Comparator.<VectorSample, Boolean>comparing(s -> Double.isNaN(s.value()))
          .thenComparing(name.equals("sort_desc") ? byValue.reversed() : byValue);
    }
    samples.sort(order);
    return new Vector(samples);
  }
}
