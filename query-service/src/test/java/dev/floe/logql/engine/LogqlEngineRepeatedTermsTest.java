package dev.floe.logql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A range aggregation repeated in a query is read once: a hundred added terms cost one scan, not a hundred. */
class LogqlEngineRepeatedTermsTest {

  @Test
  void aRepeatedRangeAggregationIsReadOnce() {
    AtomicInteger scans = new AtomicInteger();
    LogSource pods = PodFixture.source();
    LogSource counted = new LogSource() {
      @Override
      public boolean ordered() {
        return pods.ordered();
      }

      @Override
      public void scan(LogScan scan, EntrySink sink) {
        scans.incrementAndGet();
        pods.scan(scan, sink);
      }
    };
    String once = "sum(" + PodFixture.COUNTS + ")";
    String query = String.join(" + ", Collections.nCopies(100, once));

    String sum = EngineFixture.render(EngineFixture.range(counted, query, 0, 60, 10).value());

    assertThat(scans).hasValue(1);
    String single = EngineFixture.render(EngineFixture.range(pods, "100 * " + once, 0, 60, 10).value());
    assertThat(sum).isEqualTo(single);
  }
}
