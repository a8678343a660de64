package dev.floe.logql.template;

import java.util.Map;

/** The log line the template tests render: labels as Loki's label set, the line, and its timestamp. */
final class TemplateFixture {
  static final Map<String, String> LABELS = Map.ofEntries(
      Map.entry("path", "/api/v1/users"),
      Map.entry("method", "GET"),
      Map.entry("status", "200"),
      Map.entry("err", "ErrTimeout"),
      Map.entry("cluster", "prod-cluster"),
      Map.entry("f", "2.5"),
      Map.entry("odd-name", "odd"),
      Map.entry("json", "{\"a\":{\"b\":\"c\"},\"list\":[1,2,\"x\"]}"));
  static final String LINE = "Hello World";
  /** 2023-11-14T22:13:20.123456789Z, a Tuesday. */
  static final long TIMESTAMP = 1_700_000_000_123_456_789L;

  private TemplateFixture() {}

  static String render(String template) {
    return LogTemplate.parse(template).render(LABELS, LINE, TIMESTAMP);
  }
}
