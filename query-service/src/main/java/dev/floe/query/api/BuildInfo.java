package dev.floe.query.api;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** What the build-info endpoints of the Loki, Prometheus and Tempo APIs report. */
public final class BuildInfo {
  /** The Loki release whose API Floe answers like; Grafana enables features by this version. */
  public static final String LOKI_VERSION = "3.5.0";
  /** The Prometheus release whose API Floe answers like. */
  public static final String PROMETHEUS_VERSION = "3.5.0";
  /** The Tempo release whose API Floe answers like; Grafana gates streaming by it (off by default). */
  public static final String TEMPO_VERSION = "2.9.0";
  private static final String FLOE_REVISION = "floe-0.1.0";

  private BuildInfo() {}

  /** The build-info object, claiming {@code version}; the revision names Floe. */
  public static void write(JsonGenerator json, String version) throws IOException {
    json.writeStartObject();
    json.writeStringField("version", version);
    json.writeStringField("revision", FLOE_REVISION);
    json.writeStringField("branch", "floe");
    json.writeStringField("buildUser", "");
    json.writeStringField("buildDate", "");
    json.writeStringField("goVersion", "");
    json.writeEndObject();
  }
}
