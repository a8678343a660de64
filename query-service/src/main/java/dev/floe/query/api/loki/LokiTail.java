package dev.floe.query.api.loki;

import com.linecorp.armeria.common.websocket.WebSocket;
import com.linecorp.armeria.common.websocket.WebSocketCloseStatus;
import com.linecorp.armeria.common.websocket.WebSocketFrame;
import com.linecorp.armeria.common.websocket.WebSocketWriter;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.websocket.WebSocketServiceHandler;
import dev.floe.logql.Expr;
import dev.floe.logql.LogSelector;
import dev.floe.logql.engine.Direction;
import dev.floe.logql.engine.LogqlEngine;
import dev.floe.logql.engine.LogqlQuery;
import dev.floe.logql.engine.LogqlQueryException;
import dev.floe.logql.engine.QueryValue;
import dev.floe.query.api.BadRequestException;
import dev.floe.query.api.JsonResponses;
import dev.floe.query.api.RequestParams;
import dev.floe.server.InternalErrors;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loki's live tail ({@code /loki/api/v1/tail}) over a websocket: every second, the lines that
 * arrived since the last frame are sent as {@code {"streams":[...],"dropped_entries":null}}, until
 * the client closes the socket or {@value #MAX_MINUTES} minutes have passed (Loki's default
 * {@code tail_max_duration}). Lines are readable from the WAL as soon as their ingest was acked.
 */
final class LokiTail implements WebSocketServiceHandler {
  private static final Logger LOG = LoggerFactory.getLogger(LokiTail.class);
  private static final int MAX_MINUTES = 60;
  private static final long POLL_MILLIS = 1000;
  private static final long MAX_DELAY_NANOS = Duration.ofSeconds(5).toNanos();

  /** Makes the engine that reads the tailed tenants' logs. */
  private final Function<RequestParams, LogqlEngine> engines;
  /** Parses a query within the configured limits. */
  private final Function<String, Expr> parser;
  private final java.util.function.LongSupplier nowNanos;

  LokiTail(
      Function<RequestParams, LogqlEngine> engines,
      Function<String, Expr> parser,
      java.util.function.LongSupplier nowNanos) {
    this.engines = engines;
    this.parser = parser;
    this.nowNanos = nowNanos;
  }

  @Override
  public WebSocket handle(ServiceRequestContext ctx, WebSocket in) {
    WebSocketWriter out = WebSocket.streaming();
    Tail tail;
    try {
      tail = new Tail(RequestParams.of(ctx.request().headers()), out);
    } catch (RuntimeException e) {
      out.close(WebSocketCloseStatus.POLICY_VIOLATION, truncate(e.getMessage()));
      return out;
    }
    ScheduledFuture<?> polls =
        ctx.blockingTaskExecutor().scheduleWithFixedDelay(tail::poll, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    ScheduledFuture<?> limit =
        ctx.eventLoop().schedule(() -> out.close(WebSocketCloseStatus.NORMAL_CLOSURE, "tail max duration"), MAX_MINUTES, TimeUnit.MINUTES);
    Runnable stop = () -> {
      polls.cancel(false);
      limit.cancel(false);
    };
    in.subscribe(new ClosingSubscriber(stop));
    out.whenComplete().handle((unused, failure) -> {
      stop.run();
      return null;
    });
    return out;
  }

  /** Reads and ignores what the client sends; stops the tail when the client goes away. */
  private static final class ClosingSubscriber implements Subscriber<WebSocketFrame> {
    private final Runnable stop;

    ClosingSubscriber(Runnable stop) {
      this.stop = stop;
    }

    @Override
    public void onSubscribe(Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(WebSocketFrame frame) {
      frame.close();
    }

    @Override
    public void onError(Throwable failure) {
      stop.run();
    }

    @Override
    public void onComplete() {
      stop.run();
    }
  }

  /** Close reasons must fit in a control frame (123 bytes). */
  private static String truncate(String message) {
    byte[] bytes = (message == null ? "bad request" : message).getBytes(StandardCharsets.UTF_8);
    return bytes.length <= 120 ? new String(bytes, StandardCharsets.UTF_8) : new String(bytes, 0, 120, StandardCharsets.UTF_8);
  }

  /** One tailing client: where it has read up to, and the lines at that instant already sent. */
  private final class Tail {
    private final WebSocketWriter out;
    private final Expr expr;
    private final LogqlEngine engine;
    private final int limit;
    private final long delayNanos;
    private long from;
    private Set<String> sentAtFrom = new HashSet<>();

    Tail(RequestParams params, WebSocketWriter out) {
      this.out = out;
      LokiParams loki = new LokiParams(params, nowNanos.getAsLong());
      this.expr = parser.apply(loki.query());
      if (!(expr instanceof LogSelector)) {
        throw new BadRequestException("tail supports log queries only, not metric queries");
      }
      this.engine = engines.apply(params);
      this.limit = loki.limit();
      String delay = params.get("delay_for");
      this.delayNanos = delay == null ? 0 : Math.min(MAX_DELAY_NANOS, Long.parseLong(delay) * 1_000_000_000L);
      this.from = loki.time("start", nowNanos.getAsLong() - Duration.ofHours(1).toNanos());
    }

    void poll() {
      try {
        long to = nowNanos.getAsLong() - delayNanos;
        if (to <= from) {
          return;
        }
        QueryValue.Streams streams = (QueryValue.Streams) engine.execute(
            LogqlQuery.range(expr, from, to + 1, 1, 0, limit, Direction.FORWARD)).value();
        QueryValue.Streams fresh = unsent(streams);
        if (!fresh.streams().isEmpty()) {
          out.write(new String(JsonResponses.bytes(json -> {
            json.writeStartObject();
            json.writeFieldName("streams");
            LokiJson.streams(json, fresh, false);
            json.writeNullField("dropped_entries");
            json.writeEndObject();
          }), StandardCharsets.UTF_8));
        }
      } catch (LogqlQueryException e) {
        out.close(WebSocketCloseStatus.POLICY_VIOLATION, truncate(e.getMessage()));
      } catch (RuntimeException e) {
        out.close(WebSocketCloseStatus.INTERNAL_SERVER_ERROR, truncate(InternalErrors.report(LOG, "tail failed", e)));
      }
    }

    /** The entries not sent before, and the new read position: the newest instant sent. */
    private QueryValue.Streams unsent(QueryValue.Streams streams) {
      long newest = from;
      for (QueryValue.Stream stream : streams.streams()) {
        for (QueryValue.LogEntry entry : stream.entries()) {
          newest = Math.max(newest, entry.timestampNanos());
        }
      }
      Set<String> sentAtNewest = newest == from ? sentAtFrom : new HashSet<>();
      List<QueryValue.Stream> fresh = new ArrayList<>();
      for (QueryValue.Stream stream : streams.streams()) {
        List<QueryValue.LogEntry> entries = new ArrayList<>();
        for (QueryValue.LogEntry entry : stream.entries()) {
          String key = stream.labels() + "\u0000" + entry.line();
          if (entry.timestampNanos() == from && sentAtFrom.contains(key)) {
            continue;
          }
          entries.add(entry);
          if (entry.timestampNanos() == newest) {
            sentAtNewest.add(key);
          }
        }
        if (!entries.isEmpty()) {
          fresh.add(new QueryValue.Stream(stream.labels(), entries));
        }
      }
      from = newest;
      sentAtFrom = sentAtNewest;
      return new QueryValue.Streams(fresh);
    }
  }
}
