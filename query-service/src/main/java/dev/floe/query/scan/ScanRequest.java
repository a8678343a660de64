package dev.floe.query.scan;

import dev.floe.lang.QueryContext;
import dev.floe.schema.Signal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a scan reads: one signal's rows of some tenants in a time range, projected to some columns.
 *
 * <p>Rows outside {@code [startNanos, endNanos)}, of other tenants, or whose label set the {@link
 * #labelFilter()} rejects are never delivered. The {@code service_name} and {@code metric_name} sets
 * only prune files and row groups whose statistics or dictionaries rule every value out; rows of
 * other services in a row group that is read are still delivered.
 */
public final class ScanRequest {
  private final Signal signal;
  private final Set<String> tenants;
  private final long startNanos;
  private final long endNanos;
  private final List<String> columns;
  private final Set<String> serviceNames;
  private final Set<String> metricNames;
  private final Set<ByteBuffer> traceIds;
  private final Predicate<String> labelFilter;
  private final QueryContext context;

  private ScanRequest(Builder builder) {
    this.signal = Objects.requireNonNull(builder.signal, "signal");
    if (builder.tenants.isEmpty()) {
      throw new IllegalArgumentException("a scan needs at least one tenant");
    }
    if (builder.startNanos >= builder.endNanos) {
      throw new IllegalArgumentException(
          "empty time range [" + builder.startNanos + ", " + builder.endNanos + ")");
    }
    if (builder.labelFilter != null && ScanColumns.labelColumn(builder.signal) == null) {
      throw new IllegalArgumentException(builder.signal.id() + " has no label-set column to filter on");
    }
    this.tenants = Set.copyOf(builder.tenants);
    this.startNanos = builder.startNanos;
    this.endNanos = builder.endNanos;
    this.columns = List.copyOf(new LinkedHashSet<>(builder.columns));
    this.serviceNames = Set.copyOf(builder.serviceNames);
    this.metricNames = Set.copyOf(builder.metricNames);
    this.traceIds = Set.copyOf(builder.traceIds);
    this.labelFilter = builder.labelFilter;
    this.context = builder.context;
  }

  public static Builder builder(Signal signal) {
    return new Builder(signal);
  }

  public Signal signal() {
    return signal;
  }

  public Set<String> tenants() {
    return tenants;
  }

  /** Inclusive start of the time range, nanoseconds since the epoch. */
  public long startNanos() {
    return startNanos;
  }

  /** Exclusive end of the time range, nanoseconds since the epoch. */
  public long endNanos() {
    return endNanos;
  }

  /** The columns batches carry, by table column name, in request order. */
  public List<String> columns() {
    return columns;
  }

  /** {@code service_name} values a row group must be able to hold; empty for any. */
  public Set<String> serviceNames() {
    return serviceNames;
  }

  /** {@code metric_name} values a row group must be able to hold; empty for any. */
  public Set<String> metricNames() {
    return metricNames;
  }

  /** {@code trace_id} values (read-only buffers) a row group must be able to hold; empty for any. */
  public Set<ByteBuffer> traceIds() {
    return traceIds;
  }

  /**
   * Which label sets ({@code stream_labels} or {@code series_labels}) to keep; null keeps all. It is
   * called once per distinct value of a row group, not once per row, so it may be costly.
   */
  public Predicate<String> labelFilter() {
    return labelFilter;
  }

  /** The query the scan serves: the scan stops with it, checking between batches. */
  public QueryContext context() {
    return context;
  }

  /** Builds a {@link ScanRequest}; signal, at least one tenant and a non-empty range are required. */
  public static final class Builder {
    private final Signal signal;
    private final Set<String> tenants = new LinkedHashSet<>();
    private long startNanos = Long.MIN_VALUE;
    private long endNanos = Long.MAX_VALUE;
    private final List<String> columns = new ArrayList<>();
    private final Set<String> serviceNames = new LinkedHashSet<>();
    private final Set<String> metricNames = new LinkedHashSet<>();
    private final Set<ByteBuffer> traceIds = new LinkedHashSet<>();
    private Predicate<String> labelFilter;
    private QueryContext context = QueryContext.unbounded();

    private Builder(Signal signal) {
      this.signal = signal;
    }

    public Builder tenants(Set<String> values) {
      tenants.addAll(values);
      return this;
    }

    public Builder tenant(String value) {
      tenants.add(value);
      return this;
    }

    /** The range {@code [startNanos, endNanos)}; the default is all time. */
    public Builder timeRange(long start, long end) {
      this.startNanos = start;
      this.endNanos = end;
      return this;
    }

    public Builder columns(String... names) {
      columns.addAll(List.of(names));
      return this;
    }

    public Builder serviceNames(Set<String> values) {
      serviceNames.addAll(values);
      return this;
    }

    public Builder metricNames(Set<String> values) {
      metricNames.addAll(values);
      return this;
    }

    /** Trace ids of 16 bytes each. */
    public Builder traceId(byte[] value) {
      if (value.length != 16) {
        throw new IllegalArgumentException("a trace id has 16 bytes, not " + value.length);
      }
      traceIds.add(ByteBuffer.wrap(value.clone()).asReadOnlyBuffer());
      return this;
    }

    public Builder labelFilter(Predicate<String> filter) {
      this.labelFilter = filter;
      return this;
    }

    /** The query the scan serves; by default one that never times out. */
    public Builder context(QueryContext value) {
      this.context = Objects.requireNonNull(value, "context");
      return this;
    }

    public ScanRequest build() {
      return new ScanRequest(this);
    }
  }
}
