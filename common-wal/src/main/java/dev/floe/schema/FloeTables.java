package dev.floe.schema;

import static dev.floe.schema.Columns.*;
import static dev.floe.schema.FieldIds.listOf;
import static dev.floe.schema.FieldIds.listOfStructs;
import static dev.floe.schema.FieldIds.stringMap;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.types.Types;

/**
 * The Iceberg tables Floe writes.
 *
 * <p>Timestamps: OTLP carries nanoseconds. Each time is stored as an Iceberg {@code timestamptz}
 * (microseconds) plus an {@code int} column with the remaining 0 to 999 nanoseconds. This keeps the
 * tables on format version 2, which every SQL engine (Spark, Trino, DuckDB) reads today, and keeps
 * {@code day(timestamp)} partitioning and min/max pruning on a native timestamp; a {@code
 * timestamptz_ns} column would need format version 3. The remainder column is almost always 0 or a
 * small number and costs a few bits per row after dictionary and ZSTD encoding.
 *
 * <p>Ids are hex-free binaries: {@code fixed[16]} trace ids, {@code fixed[8]} span ids. Attribute
 * maps are {@code map<string,string>}; values of other OTLP kinds are stored as text and tagged in
 * {@link Columns#VALUE_TYPES}, so nothing is lost.
 */
public final class FloeTables {

  /** Table properties every Floe table gets. */
  private static final Map<String, String> COMMON_PROPERTIES =
      Map.of(
          "format-version", "2",
          "write.format.default", "parquet",
          "write.parquet.compression-codec", "zstd",
          "write.metadata.delete-after-commit.enabled", "true",
          "write.metadata.previous-versions-max", "50",
          "write.distribution-mode", "range");

  public static final TableDefinition LOGS = logsLike("logs");
  public static final TableDefinition EVENTS = logsLike("events");
  public static final TableDefinition SPANS = spans();
  public static final TableDefinition METRICS = metrics();

  private FloeTables() {}

  private static FieldIds resourceAndScope(FieldIds ids) {
    return ids.optional(RESOURCE_ATTRIBUTES, stringMap(), "OTLP resource attributes")
        .optional(RESOURCE_SCHEMA_URL, Types.StringType.get(), "schema URL of the resource")
        .optional(RESOURCE_DROPPED_ATTRIBUTES_COUNT, Types.IntegerType.get(), null)
        .optional(SCOPE_NAME, Types.StringType.get(), "instrumentation scope name")
        .optional(SCOPE_VERSION, Types.StringType.get(), "instrumentation scope version")
        .optional(SCOPE_ATTRIBUTES, stringMap(), "instrumentation scope attributes")
        .optional(SCOPE_SCHEMA_URL, Types.StringType.get(), "schema URL of the scope")
        .optional(SCOPE_DROPPED_ATTRIBUTES_COUNT, Types.IntegerType.get(), null);
  }

  private static TableDefinition logsLike(String name) {
    FieldIds ids =
        new FieldIds()
            .required(TENANT_ID, Types.StringType.get(), "tenant (X-Scope-OrgID)")
            .required(TIMESTAMP, Types.TimestampType.withZone(), "event time; observed time when unset")
            .required(TIMESTAMP_NANOS, Types.IntegerType.get(), "nanoseconds below the microsecond")
            .optional(OBSERVED_TIMESTAMP, Types.TimestampType.withZone(), null)
            .optional(OBSERVED_TIMESTAMP_NANOS, Types.IntegerType.get(), null)
            .required(SERVICE_NAME, Types.StringType.get(), "service.name, or unknown_service")
            .required(STREAM_LABELS, Types.StringType.get(), "canonical Loki stream label set")
            .required(STREAM_FINGERPRINT, Types.LongType.get(), "64-bit hash of stream_labels")
            .optional(SEVERITY_NUMBER, Types.IntegerType.get(), null)
            .optional(SEVERITY_TEXT, Types.StringType.get(), null)
            .optional(BODY, Types.StringType.get(), "body as text; kind in value_types when not a string")
            .optional(TRACE_ID, Types.FixedType.ofLength(16), null)
            .optional(SPAN_ID, Types.FixedType.ofLength(8), null)
            .optional(FLAGS, Types.IntegerType.get(), null)
            .optional(EVENT_NAME, Types.StringType.get(), null)
            .optional(ATTRIBUTES, stringMap(), "log record attributes")
            .optional(DROPPED_ATTRIBUTES_COUNT, Types.IntegerType.get(), null);
    resourceAndScope(ids).optional(VALUE_TYPES, stringMap(), "type tags of non-string values");
    Schema schema = ids.schema();
    return new TableDefinition(
        name,
        schema,
        PartitionSpec.builderFor(schema).identity(TENANT_ID).day(TIMESTAMP).build(),
        SortOrder.builderFor(schema)
            .asc(TENANT_ID)
            .asc(STREAM_FINGERPRINT)
            .asc(TIMESTAMP)
            .asc(TIMESTAMP_NANOS)
            .build(),
        COMMON_PROPERTIES);
  }

  private static TableDefinition spans() {
    FieldIds ids =
        new FieldIds()
            .required(TENANT_ID, Types.StringType.get(), "tenant (X-Scope-OrgID)")
            .required(TIMESTAMP, Types.TimestampType.withZone(), "span start time")
            .required(TIMESTAMP_NANOS, Types.IntegerType.get(), "nanoseconds below the microsecond")
            .required(END_TIMESTAMP, Types.TimestampType.withZone(), "span end time")
            .required(END_TIMESTAMP_NANOS, Types.IntegerType.get(), null)
            .required(DURATION_NANOS, Types.LongType.get(), "end minus start, nanoseconds")
            .required(SERVICE_NAME, Types.StringType.get(), "service.name, or unknown_service")
            .required(TRACE_ID, Types.FixedType.ofLength(16), null)
            .required(SPAN_ID, Types.FixedType.ofLength(8), null)
            .optional(PARENT_SPAN_ID, Types.FixedType.ofLength(8), "absent for root spans")
            .optional(TRACE_STATE, Types.StringType.get(), null)
            .optional(FLAGS, Types.IntegerType.get(), null)
            .required(NAME, Types.StringType.get(), null)
            .required(KIND, Types.IntegerType.get(), "OTLP SpanKind number")
            .required(STATUS_CODE, Types.IntegerType.get(), "OTLP StatusCode number")
            .optional(STATUS_MESSAGE, Types.StringType.get(), null)
            .optional(ATTRIBUTES, stringMap(), "span attributes")
            .optional(DROPPED_ATTRIBUTES_COUNT, Types.IntegerType.get(), null)
            .optional(
                Columns.EVENTS,
                listOfStructs(
                    e ->
                        e.required(TIME_UNIX_NANO, Types.LongType.get(), null)
                            .required(NAME, Types.StringType.get(), null)
                            .optional(ATTRIBUTES, stringMap(), null)
                            .optional(DROPPED_ATTRIBUTES_COUNT, Types.IntegerType.get(), null)),
                "span events")
            .optional(DROPPED_EVENTS_COUNT, Types.IntegerType.get(), null)
            .optional(
                LINKS,
                listOfStructs(
                    l ->
                        l.required(TRACE_ID, Types.FixedType.ofLength(16), null)
                            .required(SPAN_ID, Types.FixedType.ofLength(8), null)
                            .optional(TRACE_STATE, Types.StringType.get(), null)
                            .optional(FLAGS, Types.IntegerType.get(), null)
                            .optional(ATTRIBUTES, stringMap(), null)
                            .optional(DROPPED_ATTRIBUTES_COUNT, Types.IntegerType.get(), null)),
                "span links")
            .optional(DROPPED_LINKS_COUNT, Types.IntegerType.get(), null);
    resourceAndScope(ids).optional(VALUE_TYPES, stringMap(), "type tags of non-string values");
    Schema schema = ids.schema();
    Map<String, String> properties = new LinkedHashMap<>(COMMON_PROPERTIES);
    // Trace by id: a bloom filter per row group rules out most files and row groups; sized for the
    // ids a row group of this size holds. Small row groups also bound what a merge of many files
    // by trace id holds in memory: one row group per file.
    properties.put("write.parquet.bloom-filter-enabled.column." + TRACE_ID, "true");
    properties.put("write.parquet.bloom-filter-ndv.column." + TRACE_ID, "50000");
    properties.put("write.parquet.row-group-size-bytes", Integer.toString(4 << 20));
    return new TableDefinition(
        "spans",
        schema,
        PartitionSpec.builderFor(schema).identity(TENANT_ID).day(TIMESTAMP).build(),
        SortOrder.builderFor(schema).asc(TENANT_ID).asc(TRACE_ID).build(),
        properties);
  }

  private static TableDefinition metrics() {
    FieldIds ids =
        new FieldIds()
            .required(TENANT_ID, Types.StringType.get(), "tenant (X-Scope-OrgID)")
            .required(TIMESTAMP, Types.TimestampType.withZone(), "data point time")
            .required(TIMESTAMP_NANOS, Types.IntegerType.get(), "nanoseconds below the microsecond")
            .optional(START_TIMESTAMP, Types.TimestampType.withZone(), "start of the aggregation")
            .optional(START_TIMESTAMP_NANOS, Types.IntegerType.get(), null)
            .required(SERVICE_NAME, Types.StringType.get(), "service.name, or unknown_service")
            .required(METRIC_NAME, Types.StringType.get(), "OTLP metric name, as sent")
            .required(METRIC_TYPE, Types.StringType.get(), "gauge, sum, histogram, exponential_histogram, summary")
            .optional(DESCRIPTION, Types.StringType.get(), null)
            .optional(UNIT, Types.StringType.get(), null)
            .optional(METADATA, stringMap(), "OTLP metric metadata")
            .optional(TEMPORALITY, Types.IntegerType.get(), "OTLP AggregationTemporality number")
            .optional(IS_MONOTONIC, Types.BooleanType.get(), "sums only")
            .required(SERIES_LABELS, Types.StringType.get(), "canonical series identity")
            .required(SERIES_FINGERPRINT, Types.LongType.get(), "64-bit hash of series_labels")
            .optional(FLAGS, Types.IntegerType.get(), "OTLP DataPointFlags")
            .optional(VALUE_DOUBLE, Types.DoubleType.get(), "gauge and sum points sent as double")
            .optional(VALUE_INT, Types.LongType.get(), "gauge and sum points sent as int")
            .optional(COUNT, Types.LongType.get(), "histogram and summary count")
            .optional(SUM, Types.DoubleType.get(), null)
            .optional(MIN, Types.DoubleType.get(), null)
            .optional(MAX, Types.DoubleType.get(), null)
            .optional(EXPLICIT_BOUNDS, listOf(Types.DoubleType.get()), "histogram bucket bounds")
            .optional(BUCKET_COUNTS, listOf(Types.LongType.get()), "histogram bucket counts")
            .optional(SCALE, Types.IntegerType.get(), "exponential histogram scale")
            .optional(ZERO_COUNT, Types.LongType.get(), null)
            .optional(ZERO_THRESHOLD, Types.DoubleType.get(), null)
            .optional(POSITIVE_OFFSET, Types.IntegerType.get(), null)
            .optional(POSITIVE_BUCKET_COUNTS, listOf(Types.LongType.get()), null)
            .optional(NEGATIVE_OFFSET, Types.IntegerType.get(), null)
            .optional(NEGATIVE_BUCKET_COUNTS, listOf(Types.LongType.get()), null)
            .optional(
                QUANTILES,
                listOfStructs(
                    q ->
                        q.required(QUANTILE, Types.DoubleType.get(), null)
                            .required(VALUE, Types.DoubleType.get(), null)),
                "summary quantiles")
            .optional(
                EXEMPLARS,
                listOfStructs(
                    x ->
                        x.required(TIME_UNIX_NANO, Types.LongType.get(), null)
                            .optional(VALUE_DOUBLE, Types.DoubleType.get(), null)
                            .optional(VALUE_INT, Types.LongType.get(), null)
                            .optional(SPAN_ID, Types.FixedType.ofLength(8), null)
                            .optional(TRACE_ID, Types.FixedType.ofLength(16), null)
                            .optional(FILTERED_ATTRIBUTES, stringMap(), null)),
                null)
            .optional(ATTRIBUTES, stringMap(), "data point attributes");
    resourceAndScope(ids).optional(VALUE_TYPES, stringMap(), "type tags of non-string values");
    Schema schema = ids.schema();
    return new TableDefinition(
        "metrics",
        schema,
        PartitionSpec.builderFor(schema).identity(TENANT_ID).day(TIMESTAMP).build(),
        SortOrder.builderFor(schema)
            .asc(TENANT_ID)
            .asc(METRIC_NAME)
            .asc(SERIES_FINGERPRINT)
            .asc(TIMESTAMP)
            .asc(TIMESTAMP_NANOS)
            .build(),
        COMMON_PROPERTIES);
  }
}
