package dev.floe.query.api;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.floe.lang.QueryContext;
import dev.floe.lang.QueryStoppedException;
import io.netty.util.AttributeKey;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * How one query API runs its endpoints. Their work blocks (it reads storage), so it runs on the
 * server's blocking executor, never on the event loop, once the {@link QueryGate} gives it a turn. Each
 * request gets a {@link QueryContext} that stops its work at the API's query timeout or when the client
 * goes away; exceptions become the API's own error responses, and every request is measured.
 */
public final class BlockingApi {
  private static final AttributeKey<QueryContext> QUERY = AttributeKey.valueOf(BlockingApi.class, "query");

  private final String api;
  private final Duration timeout;
  private final String defaultTenant;
  private final QueryGate gate;
  private final QueryMeters meters;
  private final Function<Throwable, HttpResponse> errors;

  /** An endpoint's work. */
  @FunctionalInterface
  public interface Handler {
    HttpResponse handle(RequestParams params, ServiceRequestContext ctx) throws Exception;
  }

  /**
   * @param api the API's name in the meters ({@code loki}, {@code prometheus})
   * @param timeout the longest a request of this API may run
   * @param defaultTenant the tenant of requests without {@code X-Scope-OrgID}, whose turns the gate counts
   * @param errors the API's error response for an exception
   */
  public BlockingApi(
      String api,
      Duration timeout,
      String defaultTenant,
      QueryGate gate,
      QueryMeters meters,
      Function<Throwable, HttpResponse> errors) {
    this.api = api;
    this.timeout = timeout;
    this.defaultTenant = defaultTenant;
    this.gate = gate;
    this.meters = meters;
    this.errors = errors;
  }

  /** The query context of a request an endpoint serves. */
  public static QueryContext context(ServiceRequestContext ctx) {
    QueryContext query = ctx.attr(QUERY);
    if (query == null) {
      throw new IllegalStateException("not a request of a BlockingApi endpoint");
    }
    return query;
  }

  /** The service of endpoint {@code name}, measured under that name. */
  public HttpService endpoint(String name, Handler handler) {
    return (ctx, req) -> serve(name, handler, ctx, req);
  }

  private HttpResponse serve(String name, Handler handler, ServiceRequestContext ctx, HttpRequest req) {
    QueryContext query = QueryContext.withTimeout(timeout);
    ctx.setAttr(QUERY, query);
    ctx.whenRequestCancelling().thenRun(query::cancel);
    ctx.log()
        .whenComplete()
        .thenAccept(log -> meters.request(api, name, log.responseHeaders().status().code(), log.totalDurationNanos()));
    return HttpResponse.of(
        req.aggregate()
            .thenApplyAsync(
                aggregated -> {
                  try {
                    RequestParams params = RequestParams.of(aggregated);
                    try (QueryGate.Permit turn = gate.enter(String.join("|", params.tenants(defaultTenant)), query)) {
                      return handler.handle(params, ctx);
                    }
                  } catch (Throwable t) {
                    return failed(t instanceof CompletionException && t.getCause() != null ? t.getCause() : t);
                  }
                },
                ctx.blockingTaskExecutor()));
  }

  private HttpResponse failed(Throwable cause) {
    if (cause instanceof QueryStoppedException stopped) {
      if (stopped.timedOut()) {
        meters.timeout(api);
      } else {
        meters.canceled(api);
      }
    } else if (cause instanceof TooManyQueriesException) {
      meters.rejected(api);
    }
    return errors.apply(cause);
  }


}
