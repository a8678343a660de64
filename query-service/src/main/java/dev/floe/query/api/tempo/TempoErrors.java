package dev.floe.query.api.tempo;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import dev.floe.lang.QueryStoppedException;
import dev.floe.query.api.BadRequestException;
import dev.floe.query.api.TooManyQueriesException;
import dev.floe.server.InternalErrors;
import dev.floe.traceql.TraceqlParseException;
import dev.floe.traceql.engine.TraceqlQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Tempo API's errors, plain text as Tempo gives them: 400 naming the problem for bad requests and
 * queries, 504 past the query timeout, 499 when the client went away, 429 when queries queue up, and
 * a 500 naming an incident in the server log (never the failure's details) for anything else.
 */
public final class TempoErrors {
  private static final Logger LOG = LoggerFactory.getLogger(TempoErrors.class);

  private TempoErrors() {}

  /** The answer to a request that failed with {@code cause}. */
  public static HttpResponse of(Throwable cause) {
    if (cause instanceof BadRequestException || cause instanceof TraceqlQueryException) {
      return text(HttpStatus.BAD_REQUEST, cause.getMessage());
    }
    if (cause instanceof TraceqlParseException) {
      return text(HttpStatus.BAD_REQUEST, "invalid TraceQL query: " + cause.getMessage());
    }
    if (cause instanceof QueryStoppedException stopped) {
      return stopped.timedOut()
          ? text(HttpStatus.GATEWAY_TIMEOUT, stopped.getMessage())
          : text(HttpStatus.valueOf(499), "the request was cancelled by the client");
    }
    if (cause instanceof TooManyQueriesException) {
      return text(HttpStatus.TOO_MANY_REQUESTS, cause.getMessage());
    }
    return text(HttpStatus.INTERNAL_SERVER_ERROR, InternalErrors.report(LOG, "internal error", cause));
  }

  static HttpResponse text(HttpStatus status, String message) {
    return HttpResponse.of(status, MediaType.PLAIN_TEXT_UTF_8, message + "\n");
  }
}
