package dev.floe.logql.template;

import dev.floe.lang.Regex;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Regexes compiled once: templates pass them as arguments, so the same one comes back on every line. */
final class RegexCache {
  private static final int LIMIT = 512;
  private static final Map<String, Regex> CACHE = new ConcurrentHashMap<>();

  private RegexCache() {}

  /**
   * {@code expression} compiled.
   *
   * @throws Regex.RegexSyntaxException with Go's message when it is invalid
   */
  static Regex compile(String expression) {
    Regex cached = CACHE.get(expression);
    if (cached != null) {
      return cached;
    }
    if (CACHE.size() >= LIMIT) {
      CACHE.clear();
    }
    Regex compiled = Regex.compile(expression);
    CACHE.put(expression, compiled);
    return compiled;
  }
}
