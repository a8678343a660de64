package dev.floe.query.api.loki;

import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.websocket.WebSocketService;
import dev.floe.lang.LabelMatcher;
import dev.floe.lang.Labels;
import dev.floe.logql.Expr;
import dev.floe.logql.LogSelector;
import dev.floe.logql.LogqlParseException;
import dev.floe.logql.LogqlParser;
import dev.floe.logql.engine.Direction;
import dev.floe.logql.engine.LogScan;
import dev.floe.logql.engine.LogqlEngine;
import dev.floe.logql.engine.LogqlQuery;
import dev.floe.logql.engine.LogqlQueryException;
import dev.floe.logql.engine.QueryResult;
import dev.floe.logql.pipeline.Pipeline;
import dev.floe.logql.pipeline.ProcessedEntry;
import dev.floe.lang.Labels;
import dev.floe.lang.ParseLimits;
import dev.floe.lang.QueryContext;
import dev.floe.lang.QueryStoppedException;
import dev.floe.query.QueryConfig;
import dev.floe.query.api.BadRequestException;
import dev.floe.server.InternalErrors;
import dev.floe.query.api.BlockingApi;
import dev.floe.query.api.QueryGate;
import dev.floe.query.api.QueryMeters;
import dev.floe.query.api.TooManyQueriesException;
import dev.floe.query.api.BuildInfo;
import dev.floe.query.api.JsonResponses;
import dev.floe.query.api.RequestParams;
import dev.floe.query.logs.ScanLogSource;
import dev.floe.query.logs.StreamIndex;
import dev.floe.query.patterns.PatternMiner;
import dev.floe.query.scan.SignalScanner;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Loki HTTP API as Grafana's Loki datasource calls it, over Floe's logs table and WAL. */
public final class LokiApi {
  private static final Logger LOG = LoggerFactory.getLogger(LokiApi.class);
  private static final String PREFIX = "/loki/api/v1";
  private static final String ENCODING_FLAGS_HEADER = "X-Loki-Response-Encoding-Flags";
  /** Loki's answer to a query past its timeout, with status 504. */
  private static final String DEADLINE_EXCEEDED =
      "request timed out, decrease the duration of the request or add more label matchers (prefer exact match "
          + "over regex match) to reduce the amount of data processed";
  /** Loki's status when the client went away first. */
  private static final int CLIENT_CLOSED_REQUEST = 499;

  private final SignalScanner scanner;
  private final QueryConfig.LokiLimits limits;
  private final String defaultTenant;
  private final Clock clock;
  private final BlockingApi endpoints;
  private final ParseLimits parseLimits;

  /**
   * @param gate admits the queries of every API
   * @param meters where the requests are measured
   */
  public LokiApi(SignalScanner scanner, QueryConfig config, Clock clock, QueryGate gate, QueryMeters meters) {
    this.scanner = scanner;
    this.limits = config.lokiLimits();
    this.defaultTenant = config.defaultTenant();
    this.clock = clock;
    this.parseLimits = config.limits().parseLimits();
    this.endpoints =
        new BlockingApi("loki", limits.queryTimeout(), config.defaultTenant(), gate, meters, LokiApi::error);
  }

  /** Adds the API's routes to {@code server}. */
  public void addRoutes(ServerBuilder server) {
    route(server, "/query", this::query);
    route(server, "/query_range", this::queryRange);
    route(server, "/labels", this::labels);
    route(server, "/label/{name}/values", this::labelValues);
    route(server, "/series", this::series);
    route(server, "/index/stats", this::indexStats);
    route(server, "/index/volume", this::volume);
    route(server, "/index/volume_range", this::volumeRange);
    route(server, "/detected_labels", this::detectedLabels);
    route(server, "/patterns", this::patterns);
    route(server, "/detected_fields", this::detectedFields);
    route(server, "/detected_field/{name}/values", this::detectedFieldValues);
    route(server, "/format_query", this::formatQuery);
    route(server, "/status/buildinfo", (params, ctx) -> buildInfo());
    server.service(
        PREFIX + "/tail",
        WebSocketService.builder(new LokiTail(this::tailEngine, this::parse, this::nowNanos)).allowedOrigins("*").build());
    server.route().path("/ready").methods(HttpMethod.GET).build(
        (HttpService) (ctx, req) -> HttpResponse.of(HttpStatus.OK, MediaType.PLAIN_TEXT_UTF_8, "ready\n"));
  }

  private void route(ServerBuilder server, String path, LokiHandler handler) {
    server.route()
        .path(PREFIX + path)
        .methods(HttpMethod.GET, HttpMethod.POST)
        .build(endpoints.endpoint(
            PREFIX + path, (params, ctx) -> handler.handle(new LokiParams(params, nowNanos()), ctx)));
  }

  @FunctionalInterface
  private interface LokiHandler {
    HttpResponse handle(LokiParams params, ServiceRequestContext ctx) throws IOException;
  }

  private HttpResponse query(LokiParams params, ServiceRequestContext ctx) {
    Expr expr = parse(params.query());
    if (expr instanceof LogSelector) {
      throw new BadRequestException(
          "log queries are not supported as an instant query type, please change your query to a range query type");
    }
    long time = params.instant();
    LogqlQuery query = LogqlQuery.instant(expr, time, params.limit(), direction(params));
    return answer(execute(params, ctx, query), ctx);
  }

  private HttpResponse queryRange(LokiParams params, ServiceRequestContext ctx) {
    Expr expr = parse(params.query());
    long end = params.end();
    long start = params.start(end);
    checkRange(start, end);
    long step = params.step(start, end);
    if ((end - start) / step > limits.maxPoints()) {
      throw new BadRequestException(
          "exceeded maximum resolution of " + String.format(java.util.Locale.ROOT, "%,d", limits.maxPoints())
              + " points per timeseries. Try decreasing the query resolution (?step=XX)");
    }
    LogqlQuery query =
        LogqlQuery.range(expr, start, end, step, params.interval(), params.limit(), direction(params));
    return answer(execute(params, ctx, query), ctx);
  }

  private QueryResult execute(LokiParams params, ServiceRequestContext ctx, LogqlQuery query) {
    QueryContext context = BlockingApi.context(ctx);
    return new LogqlEngine(new ScanLogSource(scanner, tenants(params), context), limits.engineOptions()).execute(query, context);
  }

  /** A tail polls for as long as its client stays: each poll has the query timeout. */
  private LogqlEngine tailEngine(RequestParams params) {
    return new LogqlEngine(
        new ScanLogSource(scanner, Set.copyOf(params.tenants(defaultTenant)), QueryContext.unbounded()), limits.engineOptions());
  }

  private StreamIndex index(ServiceRequestContext ctx) {
    return new StreamIndex(scanner, BlockingApi.context(ctx));
  }

  private static HttpResponse answer(QueryResult result, ServiceRequestContext ctx) {
    String flags = ctx.request().headers().get(ENCODING_FLAGS_HEADER);
    boolean categorize = flags != null && List.of(flags.split(",")).contains(LokiJson.CATEGORIZE_LABELS);
    return success(json -> LokiJson.data(json, result.value(), result.stats(), categorize));
  }

  private HttpResponse labels(LokiParams params, ServiceRequestContext ctx) {
    Set<String> names = new TreeSet<>(Labels::compareNames);
    for (Labels stream : streams(params, ctx, params.get("query"))) {
      for (int i = 0; i < stream.size(); i++) {
        names.add(stream.name(i));
      }
    }
    return success(json -> JsonResponses.strings(json, names));
  }

  private HttpResponse labelValues(LokiParams params, ServiceRequestContext ctx) {
    String name = ctx.pathParam("name");
    Set<String> values = new TreeSet<>(Labels::compareNames);
    for (Labels stream : streams(params, ctx, params.get("query"))) {
      String value = stream.get(name);
      if (!value.isEmpty()) {
        values.add(value);
      }
    }
    return success(json -> JsonResponses.strings(json, values));
  }

  private HttpResponse series(LokiParams params, ServiceRequestContext ctx) {
    List<String> selectors = params.getAll("match[]");
    if (selectors.isEmpty()) {
      selectors = params.getAll("match");
    }
    Set<Labels> found = new TreeSet<>();
    if (selectors.isEmpty()) {
      found.addAll(streams(params, ctx, null));
    }
    for (String selector : selectors) {
      found.addAll(streams(params, ctx, selector));
    }
    return success(
        json -> {
          json.writeStartArray();
          for (Labels stream : found) {
            JsonResponses.labels(json, stream);
          }
          json.writeEndArray();
        });
  }

  private HttpResponse indexStats(LokiParams params, ServiceRequestContext ctx) throws IOException {
    long end = params.end();
    long start = params.start(end);
    Map<Labels, StreamIndex.StreamStats> stats =
        index(ctx).stats(tenants(params), start, end, matchers(params.query()));
    long entries = 0;
    long bytes = 0;
    for (StreamIndex.StreamStats stream : stats.values()) {
      entries += stream.entries();
      bytes += stream.bytes();
    }
    long totalEntries = entries;
    long totalBytes = bytes;
    return JsonResponses.of(
        HttpStatus.OK,
        json -> {
          json.writeStartObject();
          json.writeNumberField("streams", stats.size());
          // Floe has no chunks; each stream's entries are reported as one.
          json.writeNumberField("chunks", stats.size());
          json.writeNumberField("bytes", totalBytes);
          json.writeNumberField("entries", totalEntries);
          json.writeEndObject();
        });
  }

  private HttpResponse volume(LokiParams params, ServiceRequestContext ctx) {
    long end = params.end();
    long start = params.start(end);
    List<LabelMatcher> matchers = matchers(params.query());
    Volumes volumes = volumes(params, matchers);
    Map<Labels, StreamIndex.StreamStats> stats = index(ctx).stats(tenants(params), start, end, matchers);
    Map<Labels, long[]> grouped = new java.util.HashMap<>();
    stats.forEach((stream, stat) -> volumes.add(grouped, stream, new long[] {stat.bytes()}));
    List<Map.Entry<Labels, long[]>> top = volumes.top(grouped);
    return success(
        json -> {
          json.writeStartObject();
          json.writeStringField("resultType", "vector");
          json.writeArrayFieldStart("result");
          for (Map.Entry<Labels, long[]> entry : top) {
            json.writeStartObject();
            json.writeFieldName("metric");
            JsonResponses.labels(json, entry.getKey());
            json.writeFieldName("value");
            LokiJson.point(json, end, entry.getValue()[0]);
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  private HttpResponse volumeRange(LokiParams params, ServiceRequestContext ctx) {
    long end = params.end();
    long start = params.start(end);
    long step = params.step(start, end);
    List<LabelMatcher> matchers = matchers(params.query());
    Volumes volumes = volumes(params, matchers);
    Map<Labels, long[]> grouped = new java.util.HashMap<>();
    index(ctx).bytesPerStep(tenants(params), start, end, step, matchers)
        .forEach((stream, bytes) -> volumes.add(grouped, stream, bytes));
    List<Map.Entry<Labels, long[]>> top = volumes.top(grouped);
    return success(
        json -> {
          json.writeStartObject();
          json.writeStringField("resultType", "matrix");
          json.writeArrayFieldStart("result");
          for (Map.Entry<Labels, long[]> entry : top) {
            json.writeStartObject();
            json.writeFieldName("metric");
            JsonResponses.labels(json, entry.getKey());
            json.writeArrayFieldStart("values");
            long[] bytes = entry.getValue();
            for (int i = 0; i < bytes.length; i++) {
              if (bytes[i] > 0) {
                LokiJson.point(json, start + i * step, bytes[i]);
              }
            }
            json.writeEndArray();
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  private HttpResponse detectedLabels(LokiParams params, ServiceRequestContext ctx) {
    String query = params.get("query");
    Map<String, Set<String>> values = new java.util.TreeMap<>(Labels::compareNames);
    for (Labels stream : streams(params, ctx, query)) {
      for (int i = 0; i < stream.size(); i++) {
        values.computeIfAbsent(stream.name(i), unused -> new java.util.HashSet<>()).add(stream.value(i));
      }
    }
    return JsonResponses.of(
        HttpStatus.OK,
        json -> {
          json.writeStartObject();
          json.writeArrayFieldStart("detectedLabels");
          for (Map.Entry<String, Set<String>> label : values.entrySet()) {
            json.writeStartObject();
            json.writeStringField("label", label.getKey());
            json.writeNumberField("cardinality", label.getValue().size());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  private HttpResponse detectedFields(LokiParams params, ServiceRequestContext ctx) {
    DetectedFields detected = sampleFields(params, ctx);
    int limit = params.positive("limit", 1000);
    return JsonResponses.of(
        HttpStatus.OK,
        json -> {
          json.writeStartObject();
          json.writeArrayFieldStart("fields");
          int written = 0;
          for (Map.Entry<String, DetectedFields.Field> field : detected.fields().entrySet()) {
            if (written++ == limit) {
              break;
            }
            json.writeStartObject();
            json.writeStringField("label", field.getKey());
            json.writeStringField("type", field.getValue().type());
            json.writeNumberField("cardinality", field.getValue().values.size());
            json.writeFieldName("parsers");
            if (field.getValue().parsers.isEmpty()) {
              json.writeNull();
            } else {
              JsonResponses.strings(json, field.getValue().parsers);
            }
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeNumberField("limit", limit);
          json.writeEndObject();
        });
  }

  private HttpResponse detectedFieldValues(LokiParams params, ServiceRequestContext ctx) {
    List<String> values = sampleFields(params, ctx).values(ctx.pathParam("name"));
    int limit = params.positive("limit", 1000);
    return JsonResponses.of(
        HttpStatus.OK,
        json -> {
          json.writeStartObject();
          json.writeFieldName("values");
          JsonResponses.strings(json, values.subList(0, Math.min(limit, values.size())));
          json.writeNumberField("limit", limit);
          json.writeEndObject();
        });
  }

  /** The fields of the newest {@code line_limit} (default 1000) lines the query selects. */
  private DetectedFields sampleFields(LokiParams params, ServiceRequestContext ctx) {
    Expr expr = parse(params.query());
    if (!(expr instanceof LogSelector)) {
      throw new BadRequestException("detected fields need a log query, such as {service_name=\"api\"}");
    }
    long end = params.end();
    long start = params.start(end);
    int lines = params.positive("line_limit", 1000);
    QueryResult result = execute(params, ctx, LogqlQuery.range(expr, start, end, 0, 0, lines, Direction.BACKWARD));
    DetectedFields detected = new DetectedFields();
    detected.addAll((dev.floe.logql.engine.QueryValue.Streams) result.value());
    return detected;
  }

  private HttpResponse patterns(LokiParams params, ServiceRequestContext ctx) {
    if (!(parse(params.query()) instanceof LogSelector selector)) {
      throw new BadRequestException("patterns need a log query, such as {service_name=\"api\"}");
    }
    long end = params.end();
    long start = params.start(end);
    long step = params.step(start, end);
    Pipeline pipeline = Pipeline.compile(selector.stages());
    PatternMiner miner = new PatternMiner(start, end, step);
    new ScanLogSource(scanner, tenants(params), BlockingApi.context(ctx))
        .scan(
            new LogScan(selector.selector().matchers(), List.of(), start, end + 1, Direction.FORWARD),
            (stream, metadata, timestamp, line, lineBytes) -> {
              ProcessedEntry entry = pipeline.process(timestamp, line, stream, metadata);
              if (entry != null) {
                miner.add(timestamp, entry.line());
              }
              return true;
            });
    List<PatternMiner.Pattern> patterns = miner.patterns();
    return success(
        json -> {
          json.writeStartArray();
          for (PatternMiner.Pattern pattern : patterns) {
            json.writeStartObject();
            json.writeStringField("pattern", pattern.pattern());
            json.writeArrayFieldStart("samples");
            long[] counts = pattern.counts();
            for (int i = 0; i < counts.length; i++) {
              if (counts[i] > 0) {
                json.writeStartArray();
                json.writeNumber((start + i * step) / 1_000_000_000L);
                json.writeNumber(counts[i]);
                json.writeEndArray();
              }
            }
            json.writeEndArray();
            json.writeEndObject();
          }
          json.writeEndArray();
        });
  }

  private Volumes volumes(LokiParams params, List<LabelMatcher> matchers) {
    String target = params.get("targetLabels");
    List<String> targets = target == null
        ? matchers.stream().map(LabelMatcher::name).distinct().toList()
        : List.of(target.split(","));
    String aggregateBy = params.get("aggregateBy");
    boolean byLabels = "labels".equals(aggregateBy);
    if (aggregateBy != null && !byLabels && !"series".equals(aggregateBy)) {
      throw new BadRequestException("invalid aggregateBy '" + aggregateBy + "': must be series or labels");
    }
    return new Volumes(targets, target != null, byLabels, params.volumeLimit());
  }

  private HttpResponse formatQuery(LokiParams params, ServiceRequestContext ctx) {
    String formatted = parse(params.query()).toString();
    return success(json -> json.writeString(formatted));
  }

  private static HttpResponse buildInfo() {
    return JsonResponses.of(HttpStatus.OK, json -> BuildInfo.write(json, BuildInfo.LOKI_VERSION));
  }

  private Set<Labels> streams(LokiParams params, ServiceRequestContext ctx, String selector) {
    long end = params.end();
    long start = params.start(end);
    return index(ctx).streams(tenants(params), start, end, selector == null ? List.of() : matchers(selector));
  }

  private Set<String> tenants(LokiParams params) {
    return Set.copyOf(params.tenants(defaultTenant));
  }

  private Expr parse(String query) {
    return LogqlParser.parse(query, parseLimits);
  }

  /** The matchers of a plain stream selector such as {@code {app="api"}}. */
  private List<LabelMatcher> matchers(String selector) {
    Expr expr = parse(selector);
    if (!(expr instanceof LogSelector log) || !log.stages().isEmpty()) {
      throw new BadRequestException("only a stream selector such as {app=\"api\"} is accepted here: " + selector);
    }
    return new ArrayList<>(log.selector().matchers());
  }

  private void checkRange(long start, long end) {
    long length = end - start;
    if (length > limits.maxQueryLength().toNanos()) {
      throw new BadRequestException(
          "the query time range exceeds the limit (query length: " + java.time.Duration.ofNanos(length)
              + ", limit: " + limits.maxQueryLength() + ")");
    }
  }

  private static Direction direction(LokiParams params) {
    return params.forward() ? Direction.FORWARD : Direction.BACKWARD;
  }

  private long nowNanos() {
    java.time.Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private static HttpResponse success(JsonResponses.Body data) {
    return JsonResponses.of(
        HttpStatus.OK,
        json -> {
          json.writeStartObject();
          json.writeStringField("status", "success");
          json.writeFieldName("data");
          data.write(json);
          json.writeEndObject();
        });
  }

  /** Loki answers errors as plain text, with 400 for anything the client must change. */
  static HttpResponse error(Throwable cause) {
    if (cause instanceof LogqlParseException || cause instanceof BadRequestException) {
      return text(HttpStatus.BAD_REQUEST, cause.getMessage());
    }
    if (cause instanceof LogqlQueryException query) {
      return text(HttpStatus.valueOf(query.status()), query.getMessage());
    }
    if (cause instanceof QueryStoppedException stopped) {
      return stopped.timedOut()
          ? text(HttpStatus.GATEWAY_TIMEOUT, DEADLINE_EXCEEDED)
          : text(HttpStatus.valueOf(CLIENT_CLOSED_REQUEST), "the request was cancelled by the client");
    }
    if (cause instanceof TooManyQueriesException) {
      return text(HttpStatus.TOO_MANY_REQUESTS, cause.getMessage());
    }
    return text(HttpStatus.INTERNAL_SERVER_ERROR, InternalErrors.report(LOG, "internal error", cause));
  }

  private static HttpResponse text(HttpStatus status, String message) {
    return HttpResponse.of(status, MediaType.PLAIN_TEXT_UTF_8, message);
  }
}
