package dev.floe.query.api.loki;

/** What the build-info endpoints report. */
final class BuildInfo {
  /** The Loki release whose API Floe answers like; Grafana enables features by this version. */
  static final String LOKI_COMPATIBLE_VERSION = "3.5.0";
  static final String FLOE_VERSION = "floe-0.1.0";

  private BuildInfo() {}
}
