package dev.floe.logql.pipeline;

import dev.floe.logql.Stage;
import java.util.List;

/** Compiles parsed stages into {@link StageFunction}s, one family of stages per class. */
final class Stages {
  private Stages() {}

  static Pipeline compile(List<Stage> stages) {
    StageFunction[] functions = new StageFunction[stages.size()];
    for (int i = 0; i < functions.length; i++) {
      functions[i] = compile(stages.get(i));
    }
    return new StagePipeline(functions);
  }

  private static StageFunction compile(Stage stage) {
    if (stage instanceof Stage.LineFilter filter) {
      return LineFilters.compile(filter);
    }
    if (stage instanceof Stage.LabelFilterStage filter) {
      return LabelFilters.stage(filter.filter());
    }
    if (stage instanceof Stage.Json json) {
      return JsonStages.json(json);
    }
    if (stage instanceof Stage.Unpack) {
      return JsonStages.unpack();
    }
    if (stage instanceof Stage.Logfmt logfmt) {
      return new LogfmtStage(logfmt);
    }
    if (stage instanceof Stage.Regexp regexp) {
      return TextParsers.regexp(regexp.regex());
    }
    if (stage instanceof Stage.PatternParser pattern) {
      return TextParsers.pattern(pattern.pattern());
    }
    if (stage instanceof Stage.LineFormat format) {
      return Formatters.lineFormat(format.template());
    }
    if (stage instanceof Stage.LabelFormat format) {
      return Formatters.labelFormat(format.items());
    }
    if (stage instanceof Stage.Decolorize) {
      return Formatters.decolorize();
    }
    if (stage instanceof Stage.Keep keep) {
      return LabelSelections.keep(keep.labels());
    }
    if (stage instanceof Stage.Drop drop) {
      return LabelSelections.drop(drop.labels());
    }
    if (stage instanceof Stage.Distinct distinct) {
      return LabelSelections.distinct(distinct.labels());
    }
    return new UnwrapStage((Stage.Unwrap) stage);
  }
}
