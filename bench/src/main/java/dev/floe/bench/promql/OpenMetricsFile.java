package dev.floe.bench.promql;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the workload as OpenMetrics text with timestamps, the input of {@code promtool tsdb create-blocks-from openmetrics}. */
final class OpenMetricsFile {
  private OpenMetricsFile() {}

  static void write(PromqlWorkload workload, Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      out.write("# TYPE x counter\n");
      for (int s = 0; s < PromqlWorkload.counterSeries(); s++) {
        String labels = labels(PromqlWorkload.counterJob(s), PromqlWorkload.counterInstance(s), null);
        long value = 0;
        for (int step = 0; step < PromqlWorkload.STEPS; step++) {
          value += PromqlWorkload.counterIncrement(s, step);
          sample(out, "x_total", labels, Long.toString(value), workload.timeMillis(step));
        }
      }
      out.write("# TYPE h histogram\n");
      for (int s = 0; s < PromqlWorkload.histogramSeries(); s++) {
        String job = PromqlWorkload.histogramJob(s);
        String instance = PromqlWorkload.histogramInstance(s);
        String[] bucketLabels = new String[PromqlWorkload.BOUNDS.length + 1];
        for (int b = 0; b < bucketLabels.length; b++) {
          String le = b < PromqlWorkload.BOUNDS.length ? Double.toString(PromqlWorkload.BOUNDS[b]) : "+Inf";
          bucketLabels[b] = labels(job, instance, le);
        }
        String plain = labels(job, instance, null);
        PromqlWorkload.HistogramState state = new PromqlWorkload.HistogramState();
        for (int step = 0; step < PromqlWorkload.STEPS; step++) {
          state.advance(s, step);
          long time = workload.timeMillis(step);
          long cumulative = 0;
          for (int b = 0; b < bucketLabels.length; b++) {
            cumulative += state.buckets[b];
            sample(out, "h_bucket", bucketLabels[b], Long.toString(cumulative), time);
          }
          sample(out, "h_count", plain, Long.toString(state.count), time);
          sample(out, "h_sum", plain, Double.toString(state.sum), time);
        }
      }
      out.write("# EOF\n");
    }
  }

  private static String labels(String job, String instance, String le) {
    return "{instance=\"" + instance + "\",job=\"" + job + "\"" + (le == null ? "" : ",le=\"" + le + "\"") + "}";
  }

  private static void sample(BufferedWriter out, String name, String labels, String value, long timeMillis) throws IOException {
    out.write(name);
    out.write(labels);
    out.write(' ');
    out.write(value);
    out.write(' ');
    out.write(Long.toString(timeMillis / 1000)); // the workload's times are whole seconds
    out.write('\n');
  }
}
