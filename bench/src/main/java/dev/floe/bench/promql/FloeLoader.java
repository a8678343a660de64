package dev.floe.bench.promql;

import dev.floe.catalog.CatalogConfig;
import dev.floe.catalog.Catalogs;
import dev.floe.catalog.FloeCatalog;
import dev.floe.maintain.compaction.CompactionConfig;
import dev.floe.maintain.compaction.CompactionMetrics;
import dev.floe.maintain.compaction.CompactionResult;
import dev.floe.maintain.compaction.Compactor;
import dev.floe.otlp.MappedRows;
import dev.floe.otlp.MappingConfig;
import dev.floe.otlp.OtlpMapper;
import dev.floe.schema.Signal;
import dev.floe.store.LocalObjectStore;
import dev.floe.store.ObjectInfo;
import dev.floe.wal.SegmentEncoder;
import dev.floe.wal.WalWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Loads the workload into a Floe data folder as production has it: OTLP export requests (a monotonic
 * cumulative sum {@code x} and an explicit-bucket histogram {@code h} per resource, {@code
 * service.name} and {@code service.instance.id} making {@code job} and {@code instance}) go through
 * ingest's {@link OtlpMapper}, {@link SegmentEncoder} and {@link WalWriter} (no HTTP), then the
 * maintain service's {@link Compactor} moves the WAL into the Iceberg metrics table.
 */
final class FloeLoader {
  /** Data points per series per request: 10 minutes. */
  private static final int STEPS_PER_REQUEST = 40;
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private FloeLoader() {}

  /** What loading wrote. */
  record Loaded(long rows, long walBytes, long icebergBytes, int dataFiles, int commits, double walSeconds, double compactSeconds) {}

  static Loaded load(PromqlWorkload workload, Path dataDir, String tenant, int shards, long maxRowsPerCommit) throws Exception {
    try (LocalObjectStore store = new LocalObjectStore(dataDir)) {
      long started = System.nanoTime();
      long rows = writeWal(workload, store, tenant, shards);
      long walBytes = 0;
      for (ObjectInfo info : store.listAll("wal/" + Signal.METRICS.id() + "/", "")) {
        walBytes += info.size();
      }
      double walSeconds = (System.nanoTime() - started) / 1e9;

      CatalogConfig catalogConfig = CatalogConfig.embedded(dataDir.toString());
      Catalog catalog = Catalogs.open(catalogConfig);
      try {
        Table table = new FloeCatalog(catalog, catalogConfig.namespace()).ensureTables().get(Signal.METRICS);
        CompactionConfig d = CompactionConfig.defaults();
        CompactionConfig config = new CompactionConfig(d.interval(), d.targetFileBytes(), d.maxSegmentBytesPerCommit(), maxRowsPerCommit);
        Compactor compactor = new Compactor(
            Signal.METRICS, table, store, shards, config,
            new CompactionMetrics(new SimpleMeterRegistry(), Signal.METRICS), Clock.systemUTC());
        started = System.nanoTime();
        CompactionResult result = compactor.compact(() -> true);
        double compactSeconds = (System.nanoTime() - started) / 1e9;
        if (result.rows() != rows) {
          throw new IllegalStateException("compacted " + result.rows() + " of " + rows + " rows");
        }
        table.refresh();
        long icebergBytes = 0;
        int files = 0;
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
          for (FileScanTask task : tasks) {
            icebergBytes += task.file().fileSizeInBytes();
            files++;
          }
        }
        return new Loaded(rows, walBytes, icebergBytes, files, result.commits(), walSeconds, compactSeconds);
      } finally {
        if (catalog instanceof Closeable closeable) {
          closeable.close();
        }
      }
    }
  }

  private static long writeWal(PromqlWorkload workload, LocalObjectStore store, String tenant, int shards)
      throws InterruptedException, IOException {
    OtlpMapper mapper = new OtlpMapper(MappingConfig.defaults());
    SegmentEncoder encoder = new SegmentEncoder(Signal.METRICS.table(), 3);
    WalWriter writer = new WalWriter(store, Signal.METRICS, shards, 3);
    long[] counters = new long[PromqlWorkload.counterSeries()];
    PromqlWorkload.HistogramState[] histograms = new PromqlWorkload.HistogramState[PromqlWorkload.histogramSeries()];
    for (int s = 0; s < histograms.length; s++) {
      histograms[s] = new PromqlWorkload.HistogramState();
    }
    long startNanos = (workload.startMillis() - PromqlWorkload.STEP_MILLIS) * NANOS_PER_MILLI; // started before the first sample
    long receivedNanos = (workload.endMillis() + 1000) * NANOS_PER_MILLI;
    long rows = 0;
    int segment = 0;
    for (int from = 0; from < PromqlWorkload.STEPS; from += STEPS_PER_REQUEST) {
      int to = Math.min(PromqlWorkload.STEPS, from + STEPS_PER_REQUEST);
      ExportMetricsServiceRequest.Builder request = ExportMetricsServiceRequest.newBuilder();
      for (int s = 0; s < counters.length; s++) {
        Sum.Builder sum = Sum.newBuilder()
            .setIsMonotonic(true)
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
        for (int step = from; step < to; step++) {
          counters[s] += PromqlWorkload.counterIncrement(s, step);
          sum.addDataPoints(NumberDataPoint.newBuilder()
              .setStartTimeUnixNano(startNanos)
              .setTimeUnixNano(workload.timeMillis(step) * NANOS_PER_MILLI)
              .setAsDouble(counters[s]));
        }
        ScopeMetrics.Builder scope = ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder().setName("x").setSum(sum));
        int instance = s % PromqlWorkload.COUNTER_INSTANCES;
        if (instance < PromqlWorkload.HISTOGRAM_INSTANCES) {
          int h = s / PromqlWorkload.COUNTER_INSTANCES * PromqlWorkload.HISTOGRAM_INSTANCES + instance;
          scope.addMetrics(Metric.newBuilder().setName("h").setHistogram(histogram(workload, h, histograms[h], from, to, startNanos)));
        }
        request.addResourceMetrics(ResourceMetrics.newBuilder()
            .setResource(Resource.newBuilder()
                .addAttributes(attribute("service.name", PromqlWorkload.counterJob(s)))
                .addAttributes(attribute("service.instance.id", PromqlWorkload.counterInstance(s))))
            .addScopeMetrics(scope));
      }
      MappedRows mapped = mapper.mapMetrics(tenant, request.build(), receivedNanos);
      if (mapped.rejected() > 0) {
        throw new IllegalStateException(mapped.rejectionMessage());
      }
      List<Record> segmentRows = new ArrayList<>(mapped.rowsFor(Signal.METRICS)); // the encoder sorts in place
      writer.append(encoder.encode(segmentRows, Map.of(SegmentEncoder.WRITER_KEY, "promql-bench/" + segment++)));
      rows += segmentRows.size();
    }
    return rows;
  }

  private static Histogram.Builder histogram(
      PromqlWorkload workload, int series, PromqlWorkload.HistogramState state, int from, int to, long startNanos) {
    Histogram.Builder histogram = Histogram.newBuilder()
        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
    for (int step = from; step < to; step++) {
      state.advance(series, step);
      HistogramDataPoint.Builder point = HistogramDataPoint.newBuilder()
          .setStartTimeUnixNano(startNanos)
          .setTimeUnixNano(workload.timeMillis(step) * NANOS_PER_MILLI)
          .setCount(state.count)
          .setSum(state.sum);
      for (double bound : PromqlWorkload.BOUNDS) {
        point.addExplicitBounds(bound);
      }
      for (long bucket : state.buckets) {
        point.addBucketCounts(bucket);
      }
      histogram.addDataPoints(point);
    }
    return histogram;
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }
}
