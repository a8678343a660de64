package dev.floe.bench.jmh;

import dev.floe.bench.LogWorkload;
import dev.floe.lang.LabelMatcher;
import dev.floe.lang.Labels;
import dev.floe.logql.LogSelector;
import dev.floe.logql.LogqlParser;
import dev.floe.logql.pipeline.Pipeline;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * LogQL line filters ({@code |~}) over 1000 workload log lines and label matchers ({@code =~}) over 1000
 * label values, with typical patterns; scores are lines or values per second.
 */
public class RegexBenchmark extends StageBenchmark {
  static final int COUNT = 1000;

  /** One line filter compiled into a pipeline, and the lines it runs over. */
  @State(Scope.Thread)
  public static class LineFilter {
    @Param({
      "error", "(?i)timeout", "cache miss|retry|declined", "status=5\\\\d\\\\d", "took \\\\d+ms",
      ".*payment.*", "[a-z]+_id=\\\\d{4}"
    })
    public String pattern;

    Pipeline pipeline;
    final Labels stream = Labels.of("service_name", "api");
    final List<String> lines = new ArrayList<>();

    @Setup
    public void setUp() {
      LogSelector query = (LogSelector) LogqlParser.parse("{service_name=\"api\"} |~ \"" + pattern + "\"");
      pipeline = Pipeline.compile(query.stages());
      ExportLogsServiceRequest request = new LogWorkload(7).request(COUNT, 1_700_000_000_000_000_000L);
      request.getResourceLogsList().forEach(resource -> resource.getScopeLogsList().forEach(scope ->
          scope.getLogRecordsList().forEach(record -> lines.add(record.getBody().getStringValue()))));
    }
  }

  /** One label matcher, and the values it tests: pod-like names, a third of them matching. */
  @State(Scope.Thread)
  public static class Matcher {
    @Param({"checkout", "checkout|payments|search", "checkout-.*", ".*-7f9c", ".+", "(?i)CHECKOUT", "[a-z]+-[0-9a-f]{4}"})
    public String pattern;

    LabelMatcher matcher;
    final List<String> values = new ArrayList<>();

    @Setup
    public void setUp() {
      LogSelector query = (LogSelector) LogqlParser.parse("{app=~\"" + pattern + "\"}");
      matcher = query.selector().matchers().get(0);
      String[] services = {"checkout", "payments", "search", "inventory", "frontend", "shipping"};
      for (int i = 0; i < COUNT; i++) {
        String service = services[i % services.length];
        values.add(i % 3 == 0 ? service : service + "-" + String.format("%04x", (i * 2654435761L) & 0xffff));
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(COUNT)
  public int lineFilter(LineFilter state) {
    int kept = 0;
    for (String line : state.lines) {
      if (state.pipeline.process(0, line, state.stream, Labels.EMPTY) != null) {
        kept++;
      }
    }
    return kept;
  }

  @Benchmark
  @OperationsPerInvocation(COUNT)
  public int labelMatcher(Matcher state) {
    int matched = 0;
    for (String value : state.values) {
      if (state.matcher.matches(value)) {
        matched++;
      }
    }
    return matched;
  }
}
