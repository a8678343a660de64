package dev.floe.logql.pipeline;

import dev.floe.logql.LogqlParseException;
import dev.floe.logql.Stage;
import dev.floe.logql.template.LogTemplate;
import dev.floe.logql.template.TemplateException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The stages that rewrite the line or labels: {@code line_format}, {@code label_format}, {@code decolorize}. */
final class Formatters {
  static final String TEMPLATE_ERROR = "TemplateFormatErr";

  // ANSI escape sequences (colours, cursor moves, terminal titles), the expression Loki strips.
  private static final Pattern ANSI = Pattern.compile(
      "[\\u001B\\u009B][\\[\\]()#;?]*(?:(?:(?:[a-zA-Z\\d]*(?:;[a-zA-Z\\d]*)*)?\\u0007)"
          + "|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?[\\dA-PRZcf-ntqry=><~]))");

  private Formatters() {}

  /**
   * {@code | line_format "{{.msg}}"}: the rendered template becomes the line; a template that fails to
   * render keeps the line and sets {@code __error__=TemplateFormatErr}.
   */
  static StageFunction lineFormat(String template) {
    LogTemplate compiled;
    try {
      compiled = LogTemplate.parse(template);
    } catch (IllegalArgumentException e) {
      throw new LogqlParseException("invalid line template: " + e.getMessage(), 0, 0);
    }
    return (ts, line, entry) -> {
      try {
        return compiled.render(entry.toMap(), line, ts);
      } catch (TemplateException e) {
        entry.setError(TEMPLATE_ERROR, e.getMessage());
        return line;
      }
    };
  }

  /**
   * {@code | label_format dst=src, dst="{{...}}"}: renames move a label's value (the source goes away);
   * templates all see the labels as they were when the first template of the stage ran.
   */
  static StageFunction labelFormat(List<Stage.LabelFormatItem> items) {
    int size = items.size();
    String[] targets = new String[size];
    String[] sources = new String[size];
    LogTemplate[] templates = new LogTemplate[size];
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < size; i++) {
      Stage.LabelFormatItem item = items.get(i);
      if (item.target().equals(EntryBuilder.ERROR)) {
        throw new LogqlParseException(EntryBuilder.ERROR + " cannot be formatted", 0, 0);
      }
      if (!seen.add(item.target())) {
        throw new LogqlParseException(
            "multiple label name '" + item.target() + "' not allowed in a single format operation", 0, 0);
      }
      targets[i] = item.target();
      if (!item.template()) {
        sources[i] = item.source();
        continue;
      }
      try {
        templates[i] = LogTemplate.parse(item.source());
      } catch (IllegalArgumentException e) {
        throw new LogqlParseException(
            "invalid template for label '" + item.target() + "': " + e.getMessage(), 0, 0);
      }
    }
    return (ts, line, entry) -> {
      Map<String, String> labels = null;
      for (int i = 0; i < size; i++) {
        if (templates[i] == null) {
          String value = entry.get(sources[i]);
          if (value != null) {
            entry.setParsed(targets[i], value);
            entry.delete(sources[i]);
          }
          continue;
        }
        if (labels == null) {
          labels = entry.toMap();
        }
        try {
          entry.setParsed(targets[i], templates[i].render(labels, line, ts));
        } catch (TemplateException e) {
          entry.setError(TEMPLATE_ERROR, e.getMessage());
        }
      }
      return line;
    };
  }

  /** {@code | decolorize}: the line without ANSI escape sequences. */
  static StageFunction decolorize() {
    return (ts, line, entry) ->
        line.indexOf('\u001B') < 0 && line.indexOf('\u009B') < 0 ? line : ANSI.matcher(line).replaceAll("");
  }
}
