package dev.floe.query.api.tempo;

import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.floe.lang.GoStrings;
import dev.floe.lang.QueryContext;
import dev.floe.query.QueryConfig.TempoLimits;
import dev.floe.query.api.BadRequestException;
import dev.floe.query.api.BlockingApi;
import dev.floe.query.api.JsonResponses;
import dev.floe.query.api.RequestParams;
import dev.floe.traceql.Attribute;
import dev.floe.traceql.AttributeScope;
import dev.floe.traceql.FieldExpr;
import dev.floe.traceql.Intrinsic;
import dev.floe.traceql.References;
import dev.floe.traceql.Static;
import dev.floe.traceql.TraceqlParseException;
import dev.floe.traceql.TraceqlParser;
import dev.floe.traceql.TraceqlQuery;
import dev.floe.traceql.engine.MetricsRange;
import dev.floe.traceql.engine.TagSearch;
import dev.floe.traceql.engine.TraceqlMetrics;
import dev.floe.traceql.engine.TraceqlQueryException;
import dev.floe.traceql.engine.TraceqlSearch;
import dev.floe.traces.TraceRequest;
import dev.floe.traces.TraceSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The TraceQL-driven part of the Tempo HTTP API as Grafana's Tempo datasource calls it: search (TraceQL
 * and the legacy tag search), tag names and values (v1 and v2), and TraceQL metrics (range and instant).
 * Every handler reads through {@link TraceSource}, stops at the query deadline, and answers bad input with
 * a 400 naming the problem.
 */
public final class TraceqlApi {
  private static final List<String> V2_SCOPES = List.of("resource", "span", "event", "link", "instrumentation", "intrinsic");

  private final Function<QueryContext, TraceSource> sources;
  private final Clock clock;
  private final String defaultTenant;
  private final TempoLimits limits;
  private final BlockingApi endpoints;

  /**
   * @param sources the trace source serving one query
   * @param defaultTenant the tenant of requests without {@code X-Scope-OrgID}
   * @param limits the configured Tempo limits
   * @param endpoints how the Tempo API runs its blocking endpoints (shared with {@link TempoApi})
   */
  public TraceqlApi(
      Function<QueryContext, TraceSource> sources,
      Clock clock,
      String defaultTenant,
      TempoLimits limits,
      BlockingApi endpoints) {
    this.sources = sources;
    this.clock = clock;
    this.defaultTenant = defaultTenant;
    this.limits = limits;
    this.endpoints = endpoints;
  }

  /** Adds the API's routes to {@code server}. */
  public void addRoutes(ServerBuilder server) {
    route(server, "/api/search", "search", this::search);
    route(server, "/api/v2/search/tags", "search_tags_v2", this::tagsV2);
    route(server, "/api/v2/search/tag/{tag}/values", "search_tag_values_v2", this::tagValuesV2);
    route(server, "/api/search/tags", "search_tags", this::tagsV1);
    route(server, "/api/search/tag/{tag}/values", "search_tag_values", this::tagValuesV1);
    route(server, "/api/metrics/query_range", "metrics_query_range", this::queryRange);
    route(server, "/api/metrics/query", "metrics_query", this::queryInstant);
  }

  private void route(ServerBuilder server, String path, String name, BlockingApi.Handler handler) {
    server.route().path(path).methods(HttpMethod.GET, HttpMethod.POST).build(endpoints.endpoint(name, handler));
  }

  private TraceSource source(ServiceRequestContext ctx) {
    return sources.apply(BlockingApi.context(ctx));
  }

  // ---- search

  private HttpResponse search(RequestParams params, ServiceRequestContext ctx) {
    String q = params.get("q");
    String tags = params.get("tags");
    if (q != null && tags != null) {
      throw new BadRequestException("invalid search request: q and tags cannot be used together");
    }
    long minDuration = TempoParams.goDuration(params, "minDuration");
    long maxDuration = TempoParams.goDuration(params, "maxDuration");
    if (minDuration >= 0 && maxDuration >= 0 && maxDuration < minDuration) {
      throw new BadRequestException("invalid maxDuration: must be greater than minDuration");
    }
    int limit = TempoParams.positiveInt(params, "limit", 20, false);
    if (limit > limits.maxLimit()) {
      throw new BadRequestException("limit " + limit + " exceeds the maximum of " + limits.maxLimit());
    }
    int spss = TempoParams.positiveInt(params, "spss", 3, true);
    if (spss > limits.maxSpansPerSpanset()) {
      throw new BadRequestException(
          "spans per spanset " + spss + " exceeds the maximum of " + limits.maxSpansPerSpanset());
    }
    long[] range = searchRange(params);
    String traceql = q != null ? q : legacyQuery(tags, minDuration, maxDuration);
    TraceqlQuery query = parse(traceql);
    if (query.isMetrics()) {
      throw new BadRequestException("invalid TraceQL query: metrics queries are answered by /api/metrics/query_range");
    }
    TraceqlSearch.Result result = TraceqlSearch.run(
        query, source(ctx), TraceRequest.of(params.tenants(defaultTenant), range[0], range[1]), limit,
        checkpoint(ctx));
    SearchJson encoder = new SearchJson(References.of(query.spans()), spss);
    return JsonResponses.of(HttpStatus.OK, json -> encoder.write(json, result));
  }

  private static TraceqlQuery parse(String traceql) {
    try {
      return TraceqlParser.parse(traceql);
    } catch (TraceqlParseException e) {
      throw new BadRequestException("invalid TraceQL query: " + e.getMessage(), e);
    }
  }

  /** The legacy search ({@code tags} in logfmt, min/max trace duration) as the TraceQL filter it means. */
  static String legacyQuery(String tags, long minDuration, long maxDuration) {
    List<String> conditions = new ArrayList<>();
    if (tags != null) {
      for (Map.Entry<String, String> tag : Logfmt.parse(tags)) {
        String quoted = GoStrings.quote(tag.getValue());
        String field = tag.getKey().equals("name") ? "name"
            : Attribute.scoped(AttributeScope.NONE, tag.getKey(), false).text();
        String condition = field + " = " + quoted;
        if (!field.equals("name") && tag.getValue().matches("-?\\d{1,18}|-?\\d+\\.\\d+|true|false")) {
          condition = "(" + condition + " || " + field + " = " + tag.getValue() + ")";
        }
        conditions.add(condition);
      }
    }
    if (minDuration >= 0) {
      conditions.add("traceDuration >= " + minDuration + "ns");
    }
    if (maxDuration >= 0) {
      conditions.add("traceDuration <= " + maxDuration + "ns");
    }
    return conditions.isEmpty() ? "{}" : "{ " + String.join(" && ", conditions) + " }";
  }

  /** The search range {@code [start, end + 1 s)} in nanoseconds from {@code start}/{@code end} (unix seconds). */
  private long[] searchRange(RequestParams params) {
    long now = clock.millis() * 1_000_000L;
    long start = TempoParams.seconds(params, "start");
    long end = TempoParams.seconds(params, "end");
    if (end < 0) {
      end = now;
    }
    if (start < 0) {
      start = end - limits.defaultLookback().toNanos();
    }
    checkRange(start, end);
    return new long[] {start, end + 1_000_000_000L};
  }

  private void checkRange(long start, long end) {
    if (end < start) {
      throw new BadRequestException("http parameter start must be before end. received start="
          + start / 1_000_000_000L + " end=" + end / 1_000_000_000L);
    }
    if (end - start > limits.maxRange().toNanos()) {
      throw new BadRequestException("range specified by start and end exceeds " + limits.maxRange().toString()
          .substring(2).toLowerCase(Locale.ROOT) + ". received start=" + start / 1_000_000_000L + " end="
          + end / 1_000_000_000L);
    }
  }

  // ---- tags

  private HttpResponse tagsV2(RequestParams params, ServiceRequestContext ctx) {
    String scope = params.get("scope");
    if (scope != null && !scope.equals("all") && !V2_SCOPES.contains(scope)) {
      throw new BadRequestException("invalid scope: " + scope + " (expected one of " + String.join(", ", V2_SCOPES) + ", all)");
    }
    Map<AttributeScope, Set<String>> names = tagNames(params, ctx);
    return JsonResponses.of(HttpStatus.OK, json -> {
      json.writeStartObject();
      json.writeArrayFieldStart("scopes");
      for (String name : V2_SCOPES) {
        if (scope != null && !scope.equals("all") && !scope.equals(name)) {
          continue;
        }
        json.writeStartObject();
        json.writeStringField("name", name);
        json.writeFieldName("tags");
        JsonResponses.strings(json, name.equals("intrinsic") ? TagSearch.INTRINSICS : names.get(scopeOf(name)));
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeObjectFieldStart("metrics");
      json.writeEndObject();
      json.writeEndObject();
    });
  }

  private HttpResponse tagsV1(RequestParams params, ServiceRequestContext ctx) {
    String scope = params.get("scope");
    if (scope != null && !scope.equals("span") && !scope.equals("resource") && !scope.equals("intrinsic")
        && !scope.equals("all") && !scope.equals("none")) {
      throw new BadRequestException("invalid scope: " + scope);
    }
    Map<AttributeScope, Set<String>> names = tagNames(params, ctx);
    Set<String> out = new TreeSet<>();
    if (scope == null || scope.equals("all") || scope.equals("none") || scope.equals("span")) {
      out.addAll(names.get(AttributeScope.SPAN));
    }
    if (scope == null || scope.equals("all") || scope.equals("none") || scope.equals("resource")) {
      out.addAll(names.get(AttributeScope.RESOURCE));
    }
    if ("intrinsic".equals(scope)) {
      out.addAll(TagSearch.INTRINSICS);
    }
    return JsonResponses.of(HttpStatus.OK, json -> {
      json.writeStartObject();
      json.writeFieldName("tagNames");
      JsonResponses.strings(json, out);
      json.writeObjectFieldStart("metrics");
      json.writeEndObject();
      json.writeEndObject();
    });
  }

  private Map<AttributeScope, Set<String>> tagNames(RequestParams params, ServiceRequestContext ctx) {
    int limit = Math.min(TempoParams.positiveInt(params, "limit", limits.maxTagValues(), false), limits.maxTagValues());
    long[] range = searchRange(params);
    FieldExpr filter = TraceqlParser.parseLenientFilter(params.get("q"));
    return TagSearch.names(source(ctx), TraceRequest.of(params.tenants(defaultTenant), range[0], range[1]),
        filter, limit, checkpoint(ctx));
  }

  private static AttributeScope scopeOf(String name) {
    return AttributeScope.valueOf(name.toUpperCase(Locale.ROOT));
  }

  private HttpResponse tagValuesV2(RequestParams params, ServiceRequestContext ctx) {
    String tag = TagNames.decode(ctx.pathParam("tag"));
    Attribute attribute;
    try {
      attribute = TraceqlParser.parseIdentifier(tag);
    } catch (TraceqlParseException e) {
      throw new BadRequestException("please provide a valid tagName: " + e.getMessage(), e);
    }
    List<Static> values = tagValues(params, ctx, attribute);
    return JsonResponses.of(HttpStatus.OK, json -> {
      json.writeStartObject();
      json.writeArrayFieldStart("tagValues");
      for (Static value : values) {
        json.writeStartObject();
        json.writeStringField("type", typeName(value));
        json.writeStringField("value", value.text());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeObjectFieldStart("metrics");
      json.writeEndObject();
      json.writeEndObject();
    });
  }

  private HttpResponse tagValuesV1(RequestParams params, ServiceRequestContext ctx) {
    String tag = TagNames.decode(ctx.pathParam("tag"));
    if (tag.isEmpty()) {
      throw new BadRequestException("please provide a non-empty tagName");
    }
    Intrinsic intrinsic = Intrinsic.of(tag);
    Attribute attribute = intrinsic != null && tag.equals(intrinsic.legacy())
        ? Attribute.intrinsic(intrinsic, tag)
        : Attribute.scoped(AttributeScope.NONE, tag, false);
    List<Static> values = tagValues(params, ctx, attribute);
    return JsonResponses.of(HttpStatus.OK, json -> {
      json.writeStartObject();
      json.writeArrayFieldStart("tagValues");
      for (Static value : values) {
        json.writeString(value.text());
      }
      json.writeEndArray();
      json.writeObjectFieldStart("metrics");
      json.writeEndObject();
      json.writeEndObject();
    });
  }

  private List<Static> tagValues(RequestParams params, ServiceRequestContext ctx, Attribute attribute) {
    int limit = Math.min(TempoParams.positiveInt(params, "limit", limits.maxTagValues(), false), limits.maxTagValues());
    long[] range = searchRange(params);
    FieldExpr filter = TraceqlParser.parseLenientFilter(params.get("q"));
    List<Static> values = new ArrayList<>(TagSearch.values(
        source(ctx), TraceRequest.of(params.tenants(defaultTenant), range[0], range[1]), attribute, filter, limit,
        checkpoint(ctx)));
    values.sort(Comparator.comparing(TraceqlApi::typeName).thenComparing(Static::text));
    return values;
  }

  private static String typeName(Static value) {
    switch (value.type()) {
      case INT: return "int";
      case FLOAT: return "float";
      case BOOL: return "bool";
      case DURATION: return "duration";
      case STATUS:
      case KIND: return "keyword";
      default: return "string";
    }
  }

  // ---- metrics

  private HttpResponse queryRange(RequestParams params, ServiceRequestContext ctx) {
    TraceqlQuery query = metricsQuery(params);
    long[] range = metricsRange(params);
    long step = TempoParams.duration(params, "step");
    if (step < 0) {
      step = MetricsRange.defaultStep(range[0], range[1]);
    }
    MetricsRange buckets = MetricsRange.aligned(range[0], range[1], step);
    if (buckets.intervals() > limits.maxPoints()) {
      throw new BadRequestException("step " + step / 1e9 + "s is too small for the range: " + buckets.intervals()
          + " points per series exceed the limit of " + limits.maxPoints());
    }
    int exemplars = Math.min(TempoParams.positiveInt(params, "exemplars", limits.maxExemplars(), true),
        limits.maxExemplars());
    Static hint = query.hints().get("exemplars");
    if (hint != null && hint.type() == dev.floe.traceql.StaticType.INT) {
      exemplars = (int) Math.min(exemplars, Math.max(0, hint.asLong()));
    }
    TraceqlMetrics.Result result = runMetrics(query, params, ctx, buckets, exemplars);
    long[] timestamps = new long[buckets.intervals()];
    for (int i = 0; i < timestamps.length; i++) {
      timestamps[i] = buckets.timestampMs(i);
    }
    return JsonResponses.of(HttpStatus.OK, json -> TempoJson.queryRange(
        json, result.series(), timestamps, result.inspectedTraces(), result.inspectedSpans()));
  }

  private HttpResponse queryInstant(RequestParams params, ServiceRequestContext ctx) {
    TraceqlQuery query = metricsQuery(params);
    long[] range = metricsRange(params);
    TraceqlMetrics.Result result = runMetrics(query, params, ctx, MetricsRange.instant(range[0], range[1]), 0);
    return JsonResponses.of(HttpStatus.OK, json -> TempoJson.queryInstant(
        json, result.series(), result.inspectedTraces(), result.inspectedSpans()));
  }

  private TraceqlMetrics.Result runMetrics(
      TraceqlQuery query, RequestParams params, ServiceRequestContext ctx, MetricsRange range, int exemplars) {
    return TraceqlMetrics.run(query, source(ctx), params.tenants(defaultTenant), range,
        new TraceqlMetrics.Limits(exemplars, limits.maxSeries()), checkpoint(ctx));
  }

  private static TraceqlQuery metricsQuery(RequestParams params) {
    String q = params.get("q") != null ? params.get("q") : params.get("query");
    if (q == null) {
      throw new BadRequestException("invalid TraceQL query: the q parameter is required");
    }
    TraceqlQuery query = parse(q);
    if (!query.isMetrics()) {
      throw new BadRequestException(
          "invalid TraceQL query: not a metrics query; add a metrics function such as | rate()");
    }
    return query;
  }

  /** {@code [start, end]} in nanoseconds; the last hour by default, {@code since} before the end. */
  private long[] metricsRange(RequestParams params) {
    long now = clock.millis() * 1_000_000L;
    long end = TempoParams.time(params, "end");
    if (end < 0) {
      end = now;
    }
    long start = TempoParams.time(params, "start");
    if (start < 0) {
      long since = TempoParams.duration(params, "since");
      start = end - (since > 0 ? since : limits.defaultLookback().toNanos());
    }
    if (end <= start) {
      throw new BadRequestException("invalid start and end: end must be greater than start, received start="
          + start + " end=" + end);
    }
    checkRange(start, end);
    return new long[] {start, end};
  }

  // ---- shared

  /** A check run once per trace read: it stops the query at its deadline or when the client went away. */
  /** The check the engine runs per trace: the query's deadline and its client's disconnect. */
  private static Runnable checkpoint(ServiceRequestContext ctx) {
    return BlockingApi.context(ctx)::check;
  }
}
