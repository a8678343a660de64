package dev.floe.schema;

/** Column names shared by the Floe tables, so that writers and readers agree on spelling. */
public final class Columns {
  public static final String TENANT_ID = "tenant_id";
  /** Event time, microseconds (timestamptz); the sub-microsecond part is in {@link #TIMESTAMP_NANOS}. */
  public static final String TIMESTAMP = "timestamp";
  /** 0 to 999: the nanoseconds that {@link #TIMESTAMP}'s microseconds cannot hold. */
  public static final String TIMESTAMP_NANOS = "timestamp_nanos";
  public static final String OBSERVED_TIMESTAMP = "observed_timestamp";
  public static final String OBSERVED_TIMESTAMP_NANOS = "observed_timestamp_nanos";
  public static final String END_TIMESTAMP = "end_timestamp";
  public static final String END_TIMESTAMP_NANOS = "end_timestamp_nanos";
  public static final String START_TIMESTAMP = "start_timestamp";
  public static final String START_TIMESTAMP_NANOS = "start_timestamp_nanos";
  public static final String DURATION_NANOS = "duration_nanos";

  public static final String SERVICE_NAME = "service_name";
  public static final String STREAM_LABELS = "stream_labels";
  public static final String STREAM_FINGERPRINT = "stream_fingerprint";
  public static final String SERIES_LABELS = "series_labels";
  public static final String SERIES_FINGERPRINT = "series_fingerprint";

  public static final String SEVERITY_NUMBER = "severity_number";
  public static final String SEVERITY_TEXT = "severity_text";
  public static final String BODY = "body";
  public static final String EVENT_NAME = "event_name";

  public static final String TRACE_ID = "trace_id";
  public static final String SPAN_ID = "span_id";
  public static final String PARENT_SPAN_ID = "parent_span_id";
  public static final String TRACE_STATE = "trace_state";
  public static final String FLAGS = "flags";
  public static final String NAME = "name";
  public static final String KIND = "kind";
  public static final String STATUS_CODE = "status_code";
  public static final String STATUS_MESSAGE = "status_message";
  public static final String EVENTS = "events";
  public static final String LINKS = "links";

  public static final String ATTRIBUTES = "attributes";
  public static final String RESOURCE_ATTRIBUTES = "resource_attributes";
  public static final String RESOURCE_SCHEMA_URL = "resource_schema_url";
  public static final String RESOURCE_DROPPED_ATTRIBUTES_COUNT = "resource_dropped_attributes_count";
  public static final String SCOPE_NAME = "scope_name";
  public static final String SCOPE_VERSION = "scope_version";
  public static final String SCOPE_ATTRIBUTES = "scope_attributes";
  public static final String SCOPE_SCHEMA_URL = "scope_schema_url";
  public static final String SCOPE_DROPPED_ATTRIBUTES_COUNT = "scope_dropped_attributes_count";
  public static final String SCHEMA_URL = "schema_url";
  public static final String DROPPED_ATTRIBUTES_COUNT = "dropped_attributes_count";
  public static final String DROPPED_EVENTS_COUNT = "dropped_events_count";
  public static final String DROPPED_LINKS_COUNT = "dropped_links_count";
  /**
   * Type tags of the values that were not OTLP strings, keyed by where the value came from; see
   * {@code dev.floe.otlp.AnyValues}. Absent keys are strings, so string-only rows store an empty map.
   */
  public static final String VALUE_TYPES = "value_types";

  public static final String METRIC_NAME = "metric_name";
  public static final String METRIC_TYPE = "metric_type";
  public static final String DESCRIPTION = "description";
  public static final String UNIT = "unit";
  public static final String METADATA = "metadata";
  public static final String TEMPORALITY = "temporality";
  public static final String IS_MONOTONIC = "is_monotonic";
  public static final String VALUE_DOUBLE = "value_double";
  public static final String VALUE_INT = "value_int";
  public static final String COUNT = "count";
  public static final String SUM = "sum";
  public static final String MIN = "min";
  public static final String MAX = "max";
  public static final String EXPLICIT_BOUNDS = "explicit_bounds";
  public static final String BUCKET_COUNTS = "bucket_counts";
  public static final String SCALE = "scale";
  public static final String ZERO_COUNT = "zero_count";
  public static final String ZERO_THRESHOLD = "zero_threshold";
  public static final String POSITIVE_OFFSET = "positive_offset";
  public static final String POSITIVE_BUCKET_COUNTS = "positive_bucket_counts";
  public static final String NEGATIVE_OFFSET = "negative_offset";
  public static final String NEGATIVE_BUCKET_COUNTS = "negative_bucket_counts";
  public static final String QUANTILES = "quantiles";
  public static final String QUANTILE = "quantile";
  public static final String VALUE = "value";
  public static final String EXEMPLARS = "exemplars";
  public static final String FILTERED_ATTRIBUTES = "filtered_attributes";
  public static final String TIME_UNIX_NANO = "time_unix_nano";

  private Columns() {}
}
