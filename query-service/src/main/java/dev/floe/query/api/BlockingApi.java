package dev.floe.query.api;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * An API endpoint whose work blocks (it reads storage): it runs on the server's blocking executor,
 * never on the event loop, and its exceptions become the API's own error responses.
 */
public final class BlockingApi implements HttpService {

  /** The endpoint's work. */
  @FunctionalInterface
  public interface Handler {
    HttpResponse handle(RequestParams params, ServiceRequestContext ctx) throws Exception;
  }

  private final Handler handler;
  private final Function<Throwable, HttpResponse> errors;

  public BlockingApi(Handler handler, Function<Throwable, HttpResponse> errors) {
    this.handler = handler;
    this.errors = errors;
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    return HttpResponse.of(
        req.aggregate()
            .thenApplyAsync(
                aggregated -> {
                  try {
                    return handler.handle(RequestParams.of(aggregated), ctx);
                  } catch (Throwable t) {
                    return errors.apply(t instanceof CompletionException && t.getCause() != null ? t.getCause() : t);
                  }
                },
                ctx.blockingTaskExecutor()));
  }
}
