package dev.floe.push;

import static dev.floe.schema.Columns.ATTRIBUTES;
import static dev.floe.schema.Columns.BODY;
import static dev.floe.schema.Columns.OBSERVED_TIMESTAMP;
import static dev.floe.schema.Columns.OBSERVED_TIMESTAMP_NANOS;
import static dev.floe.schema.Columns.RESOURCE_ATTRIBUTES;
import static dev.floe.schema.Columns.SCOPE_ATTRIBUTES;
import static dev.floe.schema.Columns.SERVICE_NAME;
import static dev.floe.schema.Columns.STREAM_FINGERPRINT;
import static dev.floe.schema.Columns.STREAM_LABELS;
import static dev.floe.schema.Columns.TENANT_ID;
import static dev.floe.schema.Columns.TIMESTAMP;
import static dev.floe.schema.Columns.TIMESTAMP_NANOS;
import static dev.floe.schema.Columns.VALUE_TYPES;

import dev.floe.otlp.Fingerprints;
import dev.floe.otlp.LabelSets;
import dev.floe.otlp.MappedRows;
import dev.floe.otlp.MappingLimits;
import dev.floe.otlp.RowTemplate;
import dev.floe.otlp.StreamLabels;
import dev.floe.otlp.Timestamps;
import dev.floe.otlp.Utf8;
import dev.floe.schema.FloeTables;
import dev.floe.schema.Signal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;

/**
 * Turns Loki push requests ({@code POST /loki/api/v1/push}) into rows of the logs table, with
 * Loki's semantics rather than OTLP's: the pushed labels are the stream labels, plus {@code
 * service_name} discovered as Loki does when absent (see {@link #SERVICE_NAME_SOURCES}); structured
 * metadata goes to {@code attributes}, the line to {@code body}, the receive time to {@code
 * observed_timestamp}. Labels with an empty value are left out, as Prometheus treats them as absent.
 *
 * <p>Entries are validated as Loki validates them, with Loki's messages: a stream whose labels do
 * not parse, are empty, are more than {@link MappingLimits#maxAttributes()} or have a value over
 * {@link MappingLimits#maxValueBytes()} loses all its entries; an entry outside the acceptance window, with a line
 * over {@link MappingLimits#maxValueBytes()} or with too much structured metadata is left out alone.
 * Thread-safe.
 */
public final class LokiPushMapper {
  /** The labels Loki takes {@code service_name} from, in order, when a stream has none. */
  public static final List<String> SERVICE_NAME_SOURCES =
      List.of(
          "service",
          "app",
          "application",
          "name",
          "app_kubernetes_io_name",
          "container",
          "container_name",
          "k8s_container_name",
          "component",
          "workload",
          "job");

  private static final RowTemplate LOG = RowTemplate.of(FloeTables.LOGS.schema());
  private static final int TENANT_POS = LOG.position(TENANT_ID);
  private static final int TIMESTAMP_POS = LOG.position(TIMESTAMP);
  private static final int TIMESTAMP_NANOS_POS = LOG.position(TIMESTAMP_NANOS);
  private static final int OBSERVED_POS = LOG.position(OBSERVED_TIMESTAMP);
  private static final int OBSERVED_NANOS_POS = LOG.position(OBSERVED_TIMESTAMP_NANOS);
  private static final int SERVICE_NAME_POS = LOG.position(SERVICE_NAME);
  private static final int STREAM_LABELS_POS = LOG.position(STREAM_LABELS);
  private static final int STREAM_FINGERPRINT_POS = LOG.position(STREAM_FINGERPRINT);
  private static final int BODY_POS = LOG.position(BODY);
  private static final int ATTRIBUTES_POS = LOG.position(ATTRIBUTES);
  private static final int RESOURCE_ATTRIBUTES_POS = LOG.position(RESOURCE_ATTRIBUTES);
  private static final int SCOPE_ATTRIBUTES_POS = LOG.position(SCOPE_ATTRIBUTES);
  private static final int VALUE_TYPES_POS = LOG.position(VALUE_TYPES);

  private final MappingLimits limits;

  public LokiPushMapper(MappingLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * Rows of a protobuf {@code logproto.PushRequest}, already snappy-decompressed (see {@link
   * SnappyBlock}).
   *
   * @throws PushFormatException if the body is not a valid push request
   */
  public MappedRows mapProtobuf(String tenantId, byte[] body, long receiveTimeUnixNano) {
    return map(tenantId, LokiProtobufDecoder.decode(body), receiveTimeUnixNano);
  }

  /**
   * Rows of a JSON push request.
   *
   * @throws PushFormatException if the body is not a valid push request
   */
  public MappedRows mapJson(String tenantId, byte[] body, long receiveTimeUnixNano) {
    return map(tenantId, LokiJsonDecoder.decode(body), receiveTimeUnixNano);
  }

  private MappedRows map(String tenant, List<LokiStream> streams, long receiveNanos) {
    Objects.requireNonNull(tenant, "tenantId");
    TimeWindow window = new TimeWindow(limits, receiveNanos);
    Rejections rejections = new Rejections("entries");
    List<Record> rows = new ArrayList<>();
    for (LokiStream stream : streams) {
      Map<String, String> labels;
      try {
        labels = LokiLabelParser.parse(stream.labels());
      } catch (IllegalArgumentException e) {
        rejections.add(stream.entries().size(),
            "Error parsing labels '" + stream.labels() + "' with error: " + e.getMessage());
        continue;
      }
      labels.values().removeIf(String::isEmpty);
      String invalid = checkLabels(labels, stream.labels());
      if (invalid != null) {
        rejections.add(stream.entries().size(), invalid);
        continue;
      }
      String serviceName = discoverServiceName(labels);
      labels.put(StreamLabels.SERVICE_NAME_LABEL, serviceName);
      String labelSet = LabelSets.format(labels);
      Long fingerprint = Fingerprints.fnv1a64(labelSet);
      for (LokiStream.Entry entry : stream.entries()) {
        String problem = check(entry, labelSet, window);
        if (problem != null) {
          rejections.add(1, problem);
          continue;
        }
        GenericRecord row = LOG.newRow();
        row.set(TENANT_POS, tenant);
        row.set(TIMESTAMP_POS, Timestamps.micros(entry.timestampNanos()));
        row.set(TIMESTAMP_NANOS_POS, Timestamps.nanosRemainder(entry.timestampNanos()));
        row.set(OBSERVED_POS, Timestamps.micros(receiveNanos));
        row.set(OBSERVED_NANOS_POS, Timestamps.nanosRemainder(receiveNanos));
        row.set(SERVICE_NAME_POS, serviceName);
        row.set(STREAM_LABELS_POS, labelSet);
        row.set(STREAM_FINGERPRINT_POS, fingerprint);
        row.set(BODY_POS, entry.line());
        row.set(ATTRIBUTES_POS, entry.structuredMetadata());
        row.set(RESOURCE_ATTRIBUTES_POS, Collections.emptyMap());
        row.set(SCOPE_ATTRIBUTES_POS, Collections.emptyMap());
        row.set(VALUE_TYPES_POS, Collections.emptyMap());
        rows.add(row);
      }
    }
    return new MappedRows(
        Map.of(Signal.LOGS, Collections.unmodifiableList(rows)), rows.size(), rejections.count(), rejections.message());
  }

  /** The {@code service_name} Loki gives a stream: its own, the first discovery label, or unknown_service. */
  static String discoverServiceName(Map<String, String> labels) {
    String own = labels.get(StreamLabels.SERVICE_NAME_LABEL);
    if (own != null) {
      return own;
    }
    for (String source : SERVICE_NAME_SOURCES) {
      String value = labels.get(source);
      if (value != null) {
        return value;
      }
    }
    return StreamLabels.UNKNOWN_SERVICE;
  }

  /** Loki's validation of a stream's labels, with Loki's messages; null when they are valid. */
  private String checkLabels(Map<String, String> labels, String text) {
    if (labels.isEmpty()) {
      return "error at least one label pair is required per stream";
    }
    if (labels.size() > limits.maxAttributes()) {
      return "entry for stream '" + text + "' has " + labels.size() + " label names; limit " + limits.maxAttributes();
    }
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if (Utf8.longerThan(label.getKey(), limits.maxKeyBytes())) {
        return "stream '" + Utf8.abbreviate(text) + "' has label name too long: "
            + Utf8.length(label.getKey()) + " bytes, more than the limit of " + limits.maxKeyBytes();
      }
      String value = label.getValue();
      if (Utf8.length(value) > limits.maxValueBytes()) {
        return "stream '" + text + "' has label value too long: " + Utf8.length(value) + " bytes, more than the limit of "
            + limits.maxValueBytes();
      }
    }
    return null;
  }

  /** Loki's validation of one entry, with Loki's messages; null when the entry is valid. */
  private String check(LokiStream.Entry entry, String labelSet, TimeWindow window) {
    long time = entry.timestampNanos();
    if (window.tooOld(time)) {
      return "entry for stream '" + labelSet + "' has timestamp too old: " + TimeWindow.format(time)
          + ", oldest acceptable timestamp is: " + TimeWindow.format(window.earliestNanos);
    }
    if (window.tooNew(time)) {
      return "entry for stream '" + labelSet + "' has timestamp too new: " + TimeWindow.format(time);
    }
    long lineBytes = Utf8.length(entry.line());
    if (lineBytes > limits.maxValueBytes()) {
      return "max entry size '" + limits.maxValueBytes() + "' bytes exceeded for stream '" + labelSet
          + "' while adding an entry with length '" + lineBytes + "' bytes";
    }
    Map<String, String> metadata = entry.structuredMetadata();
    if (metadata.size() > limits.maxAttributes()) {
      return "structured metadata entries count (" + metadata.size() + ") exceeds the limit ("
          + limits.maxAttributes() + ") for stream '" + labelSet + "'";
    }
    long metadataBytes = 0;
    for (Map.Entry<String, String> pair : metadata.entrySet()) {
      if (Utf8.longerThan(pair.getKey(), limits.maxKeyBytes())) {
        return "structured metadata name '" + Utf8.abbreviate(pair.getKey()) + "' is "
            + Utf8.length(pair.getKey()) + " bytes, more than the limit of " + limits.maxKeyBytes()
            + " for stream '" + labelSet + "'";
      }
      metadataBytes += Utf8.length(pair.getKey()) + Utf8.length(pair.getValue());
    }
    if (metadataBytes > limits.maxValueBytes()) {
      return "structured metadata size '" + metadataBytes + "' bytes exceeds the limit '" + limits.maxValueBytes()
          + "' bytes for stream '" + labelSet + "'";
    }
    return null;
  }

}
