package dev.floe.logql.pipeline;

import dev.floe.logql.Stage;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code | logfmt}: every pair as a label, or with parameters ({@code logfmt a, b="c"}) only the named
 * keys, each always set (empty when the line lacks it). Without {@code --strict} malformed pairs are
 * skipped; with it parsing stops at the first and sets {@code __error__=LogfmtParserErr}. Without
 * {@code --keep-empty} keys with no value are skipped.
 */
final class LogfmtStage implements StageFunction {
  static final String LOGFMT_ERROR = "LogfmtParserErr";
  private static final int NAME_CACHE_LIMIT = 1024;

  private final boolean strict;
  private final boolean keepEmpty;
  /** Label name by sanitized key for parameters; null extracts every key. */
  private final Map<String, String> wanted;
  private final Map<String, String> names = new HashMap<>();
  private final LogfmtDecoder decoder = new LogfmtDecoder();

  LogfmtStage(Stage.Logfmt logfmt) {
    this.strict = logfmt.strict();
    this.keepEmpty = logfmt.keepEmpty();
    if (logfmt.extractions().isEmpty()) {
      wanted = null;
    } else {
      wanted = new HashMap<>();
      for (Stage.Extraction extraction : logfmt.extractions()) {
        String key = extraction.expression() == null ? extraction.name() : extraction.expression();
        wanted.put(LabelNames.sanitize(key), extraction.name());
      }
    }
  }

  @Override
  public String apply(long timestampNanos, String line, EntryBuilder entry) {
    if (wanted != null) {
      for (String name : wanted.values()) {
        if (!entry.streamHas(name)) {
          entry.setParsed(name, "");
        }
      }
    }
    decoder.reset(line);
    while (!decoder.atEnd()) {
      if (!decoder.next()) {
        if (strict) {
          break;
        }
        continue;
      }
      String value = decoder.value();
      if (wanted == null) {
        if (value.isEmpty() && !keepEmpty) {
          continue;
        }
        String name = sanitized(decoder.key());
        if (!name.isEmpty()) {
          entry.setParsed(entry.parsedName(name), value);
        }
      } else {
        String name = wanted.get(sanitized(decoder.key()));
        if (name != null) {
          entry.setParsed(entry.parsedName(name), value);
        }
      }
    }
    if (strict && decoder.error() != null) {
      entry.setError(LOGFMT_ERROR, decoder.error());
    }
    return line;
  }

  private String sanitized(String key) {
    if (names.size() > NAME_CACHE_LIMIT) {
      names.clear();
    }
    return names.computeIfAbsent(key, LabelNames::sanitize);
  }
}
