package dev.floe.promql.engine;

import com.google.re2j.Matcher;
import dev.floe.lang.Labels;
import dev.floe.lang.Regex;
import dev.floe.promql.Call;
import java.util.ArrayList;
import java.util.List;

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
      Regex regex;
      try {
        regex = Regex.compileAnchored(args.get(3));
      } catch (Regex.RegexSyntaxException e) {
        throw new PromqlEvalException("invalid regular expression in label_replace(): " + args.get(3));
      }
      for (VectorSample sample : input.samples()) {
        Matcher matcher = regex.matcher(sample.labels().get(args.get(2)));
        if (!matcher.matches()) {
          out.add(sample);
          continue;
        }
        out.add(relabel(sample, destination, regex.expand(args.get(1), matcher)));
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
}
