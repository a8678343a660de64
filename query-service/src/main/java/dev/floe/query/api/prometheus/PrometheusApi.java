package dev.floe.query.api.prometheus;

import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.floe.lang.LabelMatcher;
import dev.floe.lang.Labels;
import dev.floe.lang.MatchType;
import dev.floe.prometheus.MetricMetadata;
import dev.floe.prometheus.PrometheusExemplar;
import dev.floe.prometheus.PrometheusTranslator;
import dev.floe.promql.Expr;
import dev.floe.promql.PromqlParseException;
import dev.floe.promql.PromqlParser;
import dev.floe.promql.VectorSelector;
import dev.floe.promql.VectorSelectors;
import dev.floe.promql.engine.EngineOptions;
import dev.floe.promql.engine.PromqlEngine;
import dev.floe.promql.engine.PromqlEvalException;
import dev.floe.promql.engine.QueryResult;
import dev.floe.promql.engine.Series;
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
import dev.floe.query.api.prometheus.PromResponses.ErrorType;
import dev.floe.query.metrics.MetadataIndex;
import dev.floe.query.metrics.ScanSeriesSource;
import dev.floe.query.scan.SignalScanner;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Prometheus HTTP API as Grafana's Prometheus datasource calls it, over Floe's metrics. */
public final class PrometheusApi {
  private static final Logger LOG = LoggerFactory.getLogger(PrometheusApi.class);
  private static final String PREFIX = "/api/v1";
  /** Prometheus's default range of the metadata endpoints when none is given. */
  private static final long DEFAULT_METADATA_RANGE_MS = Duration.ofHours(24).toMillis();

  private final SignalScanner scanner;
  private final PrometheusTranslator translator;
  private final QueryConfig.PrometheusLimits limits;
  private final String defaultTenant;
  private final Clock clock;
  private final BlockingApi endpoints;
  private final ParseLimits parseLimits;

  /**
   * @param gate admits the queries of every API
   * @param meters where the requests are measured
   */
  public PrometheusApi(
      SignalScanner scanner,
      PrometheusTranslator translator,
      QueryConfig config,
      Clock clock,
      QueryGate gate,
      QueryMeters meters) {
    this.scanner = scanner;
    this.translator = translator;
    this.limits = config.prometheusLimits();
    this.defaultTenant = config.defaultTenant();
    this.clock = clock;
    this.parseLimits = config.limits().parseLimits();
    this.endpoints =
        new BlockingApi("prometheus", limits.queryTimeout(), config.defaultTenant(), gate, meters, PrometheusApi::error);
  }

  /** Adds the API's routes to {@code server}. */
  public void addRoutes(ServerBuilder server) {
    route(server, "/query", this::query);
    route(server, "/query_range", this::queryRange);
    route(server, "/series", this::series);
    route(server, "/labels", this::labels);
    route(server, "/label/{name}/values", this::labelValues);
    route(server, "/metadata", this::metadata);
    route(server, "/status/buildinfo", (params, ctx) -> buildInfo());
    route(server, "/format_query", this::formatQuery);
    route(server, "/query_exemplars", this::queryExemplars);
    HttpService ok = (ctx, req) -> HttpResponse.of(HttpStatus.OK, MediaType.PLAIN_TEXT_UTF_8, "Prometheus API is Ready.\n");
    server.route().path("/-/ready").methods(HttpMethod.GET, HttpMethod.HEAD).build(ok);
    server.route().path("/-/healthy").methods(HttpMethod.GET, HttpMethod.HEAD).build(ok);
  }

  @FunctionalInterface
  private interface Handler {
    HttpResponse handle(RequestParams params, ServiceRequestContext ctx) throws IOException;
  }

  private void route(ServerBuilder server, String path, Handler handler) {
    server.route()
        .path(PREFIX + path)
        .methods(HttpMethod.GET, HttpMethod.POST)
        .build(endpoints.endpoint(PREFIX + path, handler::handle));
  }

  private HttpResponse query(RequestParams params, ServiceRequestContext ctx) {
    Expr expr = parse(PromParams.required("query", params.get("query")));
    long time = PromParams.time("time", params.get("time"), clock.millis());
    QueryResult result = engine(params, ctx).instant(expr, time, context(params, ctx));
    return answer(result);
  }

  private HttpResponse queryRange(RequestParams params, ServiceRequestContext ctx) {
    Expr expr = parse(PromParams.required("query", params.get("query")));
    long start = PromParams.time("start", PromParams.required("start", params.get("start")), 0);
    long end = PromParams.time("end", PromParams.required("end", params.get("end")), 0);
    long step = PromParams.duration("step", PromParams.required("step", params.get("step")));
    if (end < start) {
      throw new BadRequestException("invalid parameter \"end\": end timestamp must not be before start time");
    }
    if (step <= 0) {
      throw new BadRequestException(
          "invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer");
    }
    if ((end - start) / step > limits.maxPoints()) {
      throw new BadRequestException(
          "exceeded maximum resolution of " + String.format(java.util.Locale.ROOT, "%,d", limits.maxPoints())
              + " points per timeseries. Try decreasing the query resolution (?step=XX)");
    }
    return answer(engine(params, ctx).range(expr, start, end, step, context(params, ctx)));
  }

  private HttpResponse series(RequestParams params, ServiceRequestContext ctx) {
    List<String> selectors = params.getAll("match[]");
    if (selectors.isEmpty()) {
      throw new BadRequestException("no match[] parameter provided");
    }
    Set<Labels> found = selected(params, ctx, selectors);
    List<Labels> limited = limit(params, new ArrayList<>(found));
    return PromResponses.success(
        json -> {
          json.writeStartArray();
          for (Labels labels : limited) {
            JsonResponses.labels(json, labels);
          }
          json.writeEndArray();
        },
        warnings(found.size(), limited.size()),
        List.of());
  }

  private HttpResponse labels(RequestParams params, ServiceRequestContext ctx) {
    Set<String> names = new TreeSet<>(Labels::compareNames);
    for (Labels labels : selected(params, ctx, params.getAll("match[]"))) {
      for (int i = 0; i < labels.size(); i++) {
        names.add(labels.name(i));
      }
    }
    List<String> limited = limit(params, new ArrayList<>(names));
    return PromResponses.success(json -> JsonResponses.strings(json, limited), warnings(names.size(), limited.size()), List.of());
  }

  private HttpResponse labelValues(RequestParams params, ServiceRequestContext ctx) {
    String name = ctx.pathParam("name");
    Set<String> values = new TreeSet<>(Labels::compareNames);
    for (Labels labels : selected(params, ctx, params.getAll("match[]"))) {
      String value = labels.get(name);
      if (!value.isEmpty()) {
        values.add(value);
      }
    }
    List<String> limited = limit(params, new ArrayList<>(values));
    return PromResponses.success(json -> JsonResponses.strings(json, limited), warnings(values.size(), limited.size()), List.of());
  }

  /**
   * {@code {"<family>":[{"type":..,"help":..,"unit":..}]}} for the families sent in the last 24
   * hours ({@code metric} selects one; {@code limit} and {@code limit_per_metric} bound the answer).
   */
  private HttpResponse metadata(RequestParams params, ServiceRequestContext ctx) {
    long end = clock.millis();
    Map<String, Set<MetricMetadata>> families =
        new MetadataIndex(scanner, translator, BlockingApi.context(ctx))
            .metadata(Set.copyOf(params.tenants(defaultTenant)), (end - DEFAULT_METADATA_RANGE_MS) * 1_000_000L, (end + 1) * 1_000_000L);
    String metric = params.get("metric");
    int limit = nonNegative(params, "limit");
    int perMetric = nonNegative(params, "limit_per_metric");
    return PromResponses.success(
        json -> {
          json.writeStartObject();
          int written = 0;
          for (Map.Entry<String, Set<MetricMetadata>> family : families.entrySet()) {
            if (metric != null && !metric.equals(family.getKey())) {
              continue;
            }
            if (limit > 0 && written++ == limit) {
              break;
            }
            json.writeArrayFieldStart(family.getKey());
            int entries = 0;
            for (MetricMetadata metadata : family.getValue()) {
              if (perMetric > 0 && entries++ == perMetric) {
                break;
              }
              json.writeStartObject();
              json.writeStringField("type", metadata.type().text());
              json.writeStringField("help", metadata.help());
              json.writeStringField("unit", metadata.unit());
              json.writeEndObject();
            }
            json.writeEndArray();
          }
          json.writeEndObject();
        },
        List.of(),
        List.of());
  }

  /** A limit parameter: absent, 0 or negative mean none. */
  private static int nonNegative(RequestParams params, String name) {
    String value = params.get(name);
    if (value == null) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(value));
    } catch (NumberFormatException e) {
      throw new BadRequestException("invalid parameter \"" + name + "\": cannot parse \"" + value + "\" to a valid limit");
    }
  }

  private HttpResponse formatQuery(RequestParams params, ServiceRequestContext ctx) {
    String formatted = parse(PromParams.required("query", params.get("query"))).toString();
    return PromResponses.success(json -> json.writeString(formatted), List.of(), List.of());
  }

  /**
   * {@code [{"seriesLabels":{..},"exemplars":[{"labels":{..},"value":"..","timestamp":..}]}]}: the
   * exemplars of the series any selector of {@code query} matches, between {@code start} and {@code end}
   * (by default the last 24 hours, as the metadata endpoints).
   */
  private HttpResponse queryExemplars(RequestParams params, ServiceRequestContext ctx) {
    Expr expr = parse(PromParams.required("query", params.get("query")));
    long end = PromParams.time("end", params.get("end"), clock.millis());
    long start = PromParams.time("start", params.get("start"), end - DEFAULT_METADATA_RANGE_MS);
    if (end < start) {
      throw new BadRequestException("invalid parameter \"end\": end timestamp must not be before start timestamp");
    }
    List<List<LabelMatcher>> selectors = VectorSelectors.matchers(expr);
    List<PrometheusExemplar> exemplars = selectors.isEmpty() ? List.of() : source(params, ctx).exemplars(selectors, start, end);
    return PromResponses.success(json -> PromJson.exemplars(json, exemplars), List.of(), List.of());
  }

  /** The label sets of the series that any of {@code selectors} selects in the range (all series when none). */
  private Set<Labels> selected(RequestParams params, ServiceRequestContext ctx, List<String> selectors) {
    long now = clock.millis();
    long end = PromParams.time("end", params.get("end"), now);
    long start = PromParams.time("start", params.get("start"), end - DEFAULT_METADATA_RANGE_MS);
    ScanSeriesSource source = source(params, ctx);
    Set<Labels> found = new TreeSet<>();
    List<List<LabelMatcher>> matcherSets = new ArrayList<>();
    if (selectors.isEmpty()) {
      matcherSets.add(List.of(new LabelMatcher("__name__", MatchType.REGEX, ".+")));
    }
    for (String selector : selectors) {
      matcherSets.add(matchers(selector));
    }
    for (List<LabelMatcher> matchers : matcherSets) {
      for (Series series : source.select(matchers, start, end)) {
        found.add(series.labels());
      }
    }
    return found;
  }

  private List<LabelMatcher> matchers(String selector) {
    Expr expr = parse(selector);
    if (!(expr instanceof VectorSelector vector)) {
      throw new BadRequestException("invalid parameter \"match[]\": " + selector + " is not a series selector");
    }
    return VectorSelectors.matchers(vector);
  }

  private static <T> List<T> limit(RequestParams params, List<T> values) {
    String limit = params.get("limit");
    if (limit == null) {
      return values;
    }
    int max;
    try {
      max = Integer.parseInt(limit);
    } catch (NumberFormatException e) {
      throw new BadRequestException("invalid parameter \"limit\": cannot parse \"" + limit + "\" to a valid limit");
    }
    return max <= 0 || values.size() <= max ? values : values.subList(0, max);
  }

  private static List<String> warnings(int total, int returned) {
    return total > returned ? List.of("results truncated due to limit") : List.of();
  }

  private Expr parse(String query) {
    return PromqlParser.parse(query, false, parseLimits);
  }

  private ScanSeriesSource source(RequestParams params, ServiceRequestContext ctx) {
    return new ScanSeriesSource(scanner, Set.copyOf(params.tenants(defaultTenant)), translator, context(params, ctx));
  }

  private PromqlEngine engine(RequestParams params, ServiceRequestContext ctx) {
    EngineOptions options =
        EngineOptions.defaults()
            .withLookbackDelta(limits.lookbackDelta())
            .withMaxSamples(limits.maxSamples())
            .withTimeout(limits.queryTimeout());
    return new PromqlEngine(source(params, ctx), options);
  }

  /** The request's query context, narrowed to the query's {@code timeout} parameter if it asks for less. */
  private static QueryContext context(RequestParams params, ServiceRequestContext ctx) {
    QueryContext context = BlockingApi.context(ctx);
    String timeout = params.get("timeout");
    return timeout == null ? context : context.narrowedTo(Duration.ofMillis(PromParams.duration("timeout", timeout)));
  }

  private static HttpResponse answer(QueryResult result) {
    return PromResponses.success(
        json -> PromJson.data(json, result.value()), result.annotations().warnings(), result.annotations().infos());
  }

  private static HttpResponse buildInfo() {
    return PromResponses.success(json -> BuildInfo.write(json, BuildInfo.PROMETHEUS_VERSION), List.of(), List.of());
  }

  /** Prometheus's error JSON and status for a failed request. */
  static HttpResponse error(Throwable cause) {
    if (cause instanceof PromqlParseException parse) {
      return PromResponses.error(ErrorType.BAD_DATA, "invalid parameter \"query\": " + parse.getMessage());
    }
    if (cause instanceof BadRequestException) {
      return PromResponses.error(ErrorType.BAD_DATA, cause.getMessage());
    }
    if (cause instanceof PromqlEvalException eval) {
      return PromResponses.error(ErrorType.EXECUTION, eval.getMessage());
    }
    if (cause instanceof QueryStoppedException stopped) {
      return stopped.timedOut()
          ? PromResponses.error(ErrorType.TIMEOUT, "query timed out in expression evaluation")
          : PromResponses.error(ErrorType.CANCELED, "query was canceled in expression evaluation");
    }
    if (cause instanceof TooManyQueriesException) {
      return PromResponses.error(ErrorType.TOO_MANY_REQUESTS, cause.getMessage());
    }
    return PromResponses.error(ErrorType.INTERNAL, InternalErrors.report(LOG, "internal error", cause));
  }
}
