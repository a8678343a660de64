package dev.floe.query.api.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import dev.floe.store.ObjectStoreException;
import org.junit.jupiter.api.Test;

/** A failure that is not the client's fault answers a generic message, never the server's paths. */
class InternalErrorTest {
  private static final ObjectStoreException FAILURE =
      new ObjectStoreException("list failed for key 'wal/logs/' in /srv/floe/data: java.nio.file.NotDirectoryException");

  @Test
  void prometheusAnswersInternalWithAnIncidentIdAndNoDetails() {
    AggregatedHttpResponse response = PrometheusApi.error(FAILURE).aggregate().join();
    assertThat(response.status().code()).isEqualTo(500);
    assertThat(response.contentUtf8())
        .contains("\"errorType\":\"internal\"", "internal error (incident ")
        .doesNotContain("/srv/floe", "Exception", "wal/logs");
  }
}
