package dev.floe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.bench.scan.LineFilterScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Every benchmark of bench/README.md runs on tiny input, so that its command keeps working. The
 * figures are meaningless here and nothing about them is asserted; only that each run completes and
 * writes what the README says it writes.
 */
@Timeout(300)
class BenchmarksSmokeTest {
  @TempDir Path dir;

  @Test
  void theEndToEndIngestDriverRunsItsThreePhasesAndTheSummaryReadsThem() throws Exception {
    IngestThroughput.main(new String[] {
        "--out=" + dir, "--distinct-requests=2", "--records-per-request=50", "--warmup=0",
        "--clients=2", "--seconds=1", "--paced-clients=2", "--paced-warmup=0", "--paced-seconds=1",
        "--overload-clients=2", "--overload-seconds=1", "--refusal-pause-ms=10"});
    assertThat(dir.resolve("e2e.properties")).isNotEmptyFile();

    StageBenchmarks.main(new String[] {"--out=" + dir, "--jmh=false", "--quick=true"});
    assertThat(dir.resolve("stages.properties")).isNotEmptyFile();

    Summary.main(new String[] {"--out=" + dir});
    assertThat(dir.resolve("summary.md")).isNotEmptyFile();
  }

  @Test
  void everyJmhStageBenchmarkRuns() throws Exception {
    // In this JVM, one short iteration each: what bench/run's JMH step runs, minus the forks and time.
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include("dev\\.floe\\.bench\\.jmh\\..*")
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(100))
        .build()).run();
    // Parameterised benchmarks run once per parameter: each benchmark method is named once here.
    assertThat(results.stream().map(result -> result.getParams().getBenchmark()).distinct()).containsExactlyInAnyOrder(
        "dev.floe.bench.jmh.DecodeBenchmark.decode",
        "dev.floe.bench.jmh.EncodeBenchmark.encode1k",
        "dev.floe.bench.jmh.EncodeBenchmark.encode10k",
        "dev.floe.bench.jmh.MapBenchmark.map",
        "dev.floe.bench.jmh.PipelineBenchmark.decodeMapEncode",
        "dev.floe.bench.jmh.RegexBenchmark.labelMatcher",
        "dev.floe.bench.jmh.RegexBenchmark.lineFilter");
  }

  @Test
  void theCompactionBenchmarkRuns() throws Exception {
    CompactionThroughput.main(new String[] {"2000", dir.toString()});
  }

  @Test
  void theLokiQueryBenchmarkRuns() throws Exception {
    LokiQueries.main(new String[] {"2000", dir.toString()});
    assertThat(dir.resolve("start-nanos")).exists();
  }

  @Test
  void theLineFilterScanRuns() throws Exception {
    LineFilterScan.main(new String[] {"2000", "1"});
  }
}
