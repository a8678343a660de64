package dev.floe.bench;

import dev.floe.bench.jmh.StageCpuCosts;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH stage benchmarks ({@code dev.floe.bench.jmh}), then the same stages timed in thread
 * CPU time ({@link StageCpuCosts}), and writes {@code jmh.json} and {@code stages.properties}
 * (records per second and per CPU-second of each stage) to the output folder.
 *
 * <p>Options ({@code --name=value}): {@code out}, {@code include} (a regular expression over
 * benchmark names), {@code quick=true} for a one-fork, one-second smoke run, and {@code jmh=false}
 * to measure CPU costs only.
 */
public final class StageBenchmarks {
  private StageBenchmarks() {}

  public static void main(String[] args) throws RunnerException, IOException {
    Options options = Options.parse(args);
    Path out = Path.of(options.text("out", "bench/results"));
    Files.createDirectories(out);
    ChainedOptionsBuilder jmh =
        new OptionsBuilder()
            .include(options.text("include", "dev\\.floe\\.bench\\.jmh\\..*"))
            .resultFormat(ResultFormatType.JSON)
            .result(out.resolve("jmh.json").toString());
    if (Boolean.parseBoolean(options.text("quick", "false"))) {
      jmh.forks(1).warmupIterations(1).measurementIterations(1)
          .warmupTime(TimeValue.seconds(1)).measurementTime(TimeValue.seconds(1));
    }
    Collection<RunResult> results =
        Boolean.parseBoolean(options.text("jmh", "true")) ? new Runner(jmh.build()).run() : List.of();
    Properties stages = new Properties();
    for (RunResult result : results) {
      String label = result.getParams().getBenchmark();
      String name = label.substring(label.lastIndexOf('.', label.lastIndexOf('.') - 1) + 1);
      stages.setProperty(name + ".records_per_second", PhaseResult.fmt(result.getPrimaryResult().getScore()));
      stages.setProperty(name + ".error", PhaseResult.fmt(result.getPrimaryResult().getScoreError()));
    }
    int seconds = Boolean.parseBoolean(options.text("quick", "false")) ? 1 : 4;
    for (Map.Entry<String, StageCpuCosts.Cost> cost : StageCpuCosts.measure(seconds).entrySet()) {
      String name = cost.getKey();
      stages.setProperty(name + ".records_per_cpu_second", PhaseResult.fmt(cost.getValue().recordsPerCpuSecond()));
      stages.setProperty(name + ".allocated_bytes_per_record", PhaseResult.fmt(cost.getValue().allocatedBytesPerRecord()));
      System.out.printf("%-36s %,12.0f records per CPU-second, %,8.0f bytes allocated per record%n", name,
          cost.getValue().recordsPerCpuSecond(), cost.getValue().allocatedBytesPerRecord());
    }
    try (OutputStream file = Files.newOutputStream(out.resolve("stages.properties"))) {
      stages.store(file, "Floe ingest stage benchmarks, single thread, records per second");
    }
  }
}
