package dev.floe.query.metrics;

import dev.floe.lang.QueryContext;
import dev.floe.prometheus.MetricMetadata;
import dev.floe.prometheus.PrometheusTranslator;
import dev.floe.query.scan.BatchConsumer;
import dev.floe.query.scan.ColumnBatch;
import dev.floe.query.scan.ScanRequest;
import dev.floe.query.scan.SignalScanner;
import dev.floe.query.scan.StringColumn;
import dev.floe.schema.Columns;
import dev.floe.schema.Signal;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The metadata of the metric families some tenants sent in a time range, for {@code
 * /api/v1/metadata}: type, help and unit as Prometheus's OTLP translation gives them.
 */
public final class MetadataIndex {
  private static final String[] COLUMNS = {
    Columns.SERIES_LABELS, Columns.METRIC_TYPE, Columns.UNIT, Columns.IS_MONOTONIC, Columns.TEMPORALITY, Columns.DESCRIPTION
  };

  private final SignalScanner scanner;
  private final PrometheusTranslator translator;
  private final QueryContext context;

  /** @param context the query the index serves: its scans stop with it */
  public MetadataIndex(SignalScanner scanner, PrometheusTranslator translator, QueryContext context) {
    this.scanner = scanner;
    this.translator = translator;
    this.context = context;
  }

  /** Per family name, in name order, the distinct metadata seen. */
  public Map<String, Set<MetricMetadata>> metadata(Set<String> tenants, long startNanos, long endNanos) {
    Map<String, Set<MetricMetadata>> families = new TreeMap<>();
    Map<List<Object>, Boolean> seen = new HashMap<>();
    scanner.scan(
        ScanRequest.builder(Signal.METRICS)
            .tenants(tenants)
            .timeRange(startNanos, endNanos)
            .columns(COLUMNS)
            .context(context)
            .build(),
        new BatchConsumer() {
          @Override
          public void accept(ColumnBatch batch) {
            StringColumn description = batch.strings(Columns.DESCRIPTION);
            for (int row = 0; row < batch.size(); row++) {
              String help = description.isNull(row) ? "" : description.get(row);
              List<Object> key = List.of(MetricRows.identityKey(batch, row), help);
              if (seen.putIfAbsent(key, Boolean.TRUE) == null) {
                MetricMetadata metadata = translator.metadata(MetricRows.identity(batch, row), help);
                if (!metadata.family().isEmpty()) {
                  families.computeIfAbsent(metadata.family(), unused -> new LinkedHashSet<>()).add(metadata);
                }
              }
            }
          }

          @Override
          public void reset() {
            families.clear();
            seen.clear();
          }
        });
    return families;
  }
}
