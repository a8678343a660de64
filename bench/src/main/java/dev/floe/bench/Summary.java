package dev.floe.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Prints the results of {@link StageBenchmarks} and {@link IngestThroughput} as one Markdown table
 * with the machine they ran on, and writes it to {@code summary.md} in the results folder.
 * Options: {@code --out=<results folder>}.
 */
public final class Summary {
  private static final double TARGET_PER_CORE = 100_000;
  private static final double FLUSH_INTERVAL_MS = 200;
  private static final double LATENCY_SLACK_MS = 50;

  private final Properties stages;
  private final Properties e2e;
  private final List<String> rows = new ArrayList<>();

  private Summary(Properties stages, Properties e2e) {
    this.stages = stages;
    this.e2e = e2e;
  }

  public static void main(String[] args) throws IOException {
    Path out = Path.of(Options.parse(args).text("out", "bench/results"));
    Summary summary = new Summary(load(out.resolve("stages.properties")), load(out.resolve("e2e.properties")));
    String text = Machine.describe(out) + "\n\n" + summary.table();
    System.out.println(text);
    Files.writeString(out.resolve("summary.md"), text);
  }

  private String table() {
    row("figure", "measured", "note");
    row("---", "---", "---");
    double perCpu = number(e2e, "saturated.records_per_cpu_second");
    row("end to end, acked records/s (saturated, " + text(e2e, "saturated.clients") + " clients)",
        count(number(e2e, "saturated.records_per_second")),
        text(e2e, "saturated.cpu_cores_busy") + " cores busy; of the process CPU: garbage collector "
            + percent(number(e2e, "saturated.cpu_seconds.garbage collector"), number(e2e, "saturated.cpu_seconds"))
            + ", JIT " + percent(number(e2e, "saturated.cpu_seconds.JIT compiler"), number(e2e, "saturated.cpu_seconds"))
            + ", WAL flush " + percent(number(e2e, "saturated.cpu_seconds.flush (encode + write)"),
                number(e2e, "saturated.cpu_seconds")));
    row("end to end, records per CPU-second (per core), clients included", count(perCpu),
        verdict(perCpu >= TARGET_PER_CORE) + " target 100,000");
    row("end to end, records per CPU-second, server only", count(number(e2e, "saturated.records_per_server_cpu_second")),
        "load clients' own CPU left out");
    stage("protobuf decode alone", "DecodeBenchmark.decode", perCpu);
    stage("OTLP to rows alone", "MapBenchmark.map", perCpu);
    stage("Parquet segment encode alone, 10,000 rows", "EncodeBenchmark.encode10k", perCpu);
    stage("Parquet segment encode alone, 1,000 rows", "EncodeBenchmark.encode1k", perCpu);
    stage("decode + map + encode, 10,000 rows", "PipelineBenchmark.decodeMapEncode", perCpu);
    latency("saturated", "closed loop: latency is queueing (clients / throughput)");
    latency("paced", "at " + count(number(e2e, "paced.target_requests_per_second") * number(e2e, "records_per_request"))
        + " records/s offered");
    row("WAL bytes per record", text(e2e, "saturated.wal_bytes_per_record"),
        "protobuf request: " + text(e2e, "payload_bytes_per_record") + " bytes per record");
    row("overload: responses 200 / 429 / 503 / other",
        text(e2e, "overload.responses_200") + " / " + text(e2e, "overload.responses_429") + " / "
            + text(e2e, "overload.responses_503") + " / " + text(e2e, "overload.responses_other"),
        text(e2e, "overload.clients") + " clients, maxBufferedBytes "
            + (long) (number(e2e, "overload.max_buffered_bytes") / 1048576) + " MiB");
    row("overload: peak heap used / after GC / max (MiB)",
        text(e2e, "overload.peak_used_heap_mib") + " / " + text(e2e, "overload.peak_heap_after_gc_mib") + " / "
            + text(e2e, "overload.max_heap_mib"),
        "no OutOfMemoryError (the JVM runs with -XX:+ExitOnOutOfMemoryError)");
    return String.join("\n", rows) + "\n";
  }

  /** One stage: JMH records/s (wall clock, one thread) and records per CPU-second, against end to end. */
  private void stage(String label, String name, double endToEnd) {
    double perCpu = number(stages, name + ".records_per_cpu_second");
    row(label + ": records/s (JMH) / per CPU-second",
        count(number(stages, name + ".records_per_second")) + " / " + count(perCpu),
        "end to end is " + percent(endToEnd, perCpu) + " of it; allocates "
            + count(number(stages, name + ".allocated_bytes_per_record")) + " bytes per record");
  }

  private void latency(String phase, String note) {
    double p99 = number(e2e, phase + ".latency_p99_ms");
    row("ack latency p50 / p99 / max, " + phase + " (ms)",
        text(e2e, phase + ".latency_p50_ms") + " / " + text(e2e, phase + ".latency_p99_ms") + " / "
            + text(e2e, phase + ".latency_max_ms"),
        verdict(p99 <= FLUSH_INTERVAL_MS + LATENCY_SLACK_MS) + " p99 <= 200 ms flush interval + 50 ms; " + note);
  }

  private void row(String figure, String value, String note) {
    rows.add("| " + figure + " | " + value + " | " + note + " |");
  }

  private static String verdict(boolean met) {
    return met ? "meets" : "misses";
  }

  private static String percent(double part, double whole) {
    return Double.isNaN(part) || Double.isNaN(whole) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * part / whole);
  }

  private static String count(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,.0f", value);
  }

  private static String text(Properties properties, String key) {
    return properties.getProperty(key, "n/a");
  }

  private static double number(Properties properties, String key) {
    String value = properties.getProperty(key);
    return value == null ? Double.NaN : Double.parseDouble(value);
  }

  private static Properties load(Path file) throws IOException {
    Properties properties = new Properties();
    if (Files.exists(file)) {
      try (Reader reader = Files.newBufferedReader(file)) {
        properties.load(reader);
      }
    }
    return properties;
  }
}
