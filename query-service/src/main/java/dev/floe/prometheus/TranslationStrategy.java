package dev.floe.prometheus;

/**
 * Prometheus's {@code otlp.translation_strategy}: whether names are escaped to the classic Prometheus
 * character set, and whether metric names get unit and type suffixes.
 */
public enum TranslationStrategy {
  /** The default: {@code http.server.request.duration} in s is {@code http_server_request_duration_seconds}. */
  UNDERSCORE_ESCAPING_WITH_SUFFIXES("UnderscoreEscapingWithSuffixes", true, true),
  /** {@code http_server_request_duration}. */
  UNDERSCORE_ESCAPING_WITHOUT_SUFFIXES("UnderscoreEscapingWithoutSuffixes", true, false),
  /** {@code http.server.request.duration_seconds}, label names as in OTLP. */
  NO_UTF8_ESCAPING_WITH_SUFFIXES("NoUTF8EscapingWithSuffixes", false, true),
  /** {@code http.server.request.duration}, label names as in OTLP. */
  NO_TRANSLATION("NoTranslation", false, false);

  private final String configName;
  private final boolean escapes;
  private final boolean addsSuffixes;

  TranslationStrategy(String configName, boolean escapes, boolean addsSuffixes) {
    this.configName = configName;
    this.escapes = escapes;
    this.addsSuffixes = addsSuffixes;
  }

  /** The name in Prometheus's configuration, such as {@code UnderscoreEscapingWithSuffixes}. */
  public String configName() {
    return configName;
  }

  /** Whether characters outside the classic Prometheus character set become {@code _}. */
  public boolean escapes() {
    return escapes;
  }

  /** Whether metric names get unit, {@code _total} and {@code _ratio} suffixes. */
  public boolean addsSuffixes() {
    return addsSuffixes;
  }

  /**
   * The strategy named {@code configName} in Prometheus's configuration.
   *
   * @throws IllegalArgumentException if no strategy has that name
   */
  public static TranslationStrategy of(String configName) {
    for (TranslationStrategy strategy : values()) {
      if (strategy.configName.equals(configName)) {
        return strategy;
      }
    }
    throw new IllegalArgumentException("unknown OTLP translation strategy '" + configName + "'");
  }
}
