package dev.floe.query.api.tempo;

import com.google.protobuf.CodedOutputStream;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.floe.lang.QueryContext;
import dev.floe.otlp.OtlpJson;
import dev.floe.query.api.BadRequestException;
import dev.floe.query.api.BlockingApi;
import dev.floe.query.api.BuildInfo;
import dev.floe.query.api.JsonResponses;
import dev.floe.query.api.RequestParams;
import dev.floe.traces.Span;
import dev.floe.traces.TraceSource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tempo's HTTP API as Grafana's Tempo datasource calls it, apart from TraceQL (search, tags, metrics):
 * the health and version probes and trace by id, over Floe's {@code spans} table and WAL.
 */
public final class TempoApi {
  private static final Logger LOG = LoggerFactory.getLogger(TempoApi.class);
  private static final MediaType PROTOBUF = MediaType.create("application", "protobuf");
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  /** The last second whose end is still a nanosecond count in a long. */
  private static final long MAX_SECONDS = Long.MAX_VALUE / NANOS_PER_SECOND - 1;
  /** {@code TraceByIDResponse.status} PARTIAL: the trace may lack spans. */
  private static final int PARTIAL = 1;

  private final Function<QueryContext, TraceSource> traces;
  private final String defaultTenant;
  private final BlockingApi endpoints;

  /**
   * @param traces the trace source serving one query
   * @param endpoints how the Tempo API runs its blocking endpoints (shared with the TraceQL routes)
   */
  public TempoApi(Function<QueryContext, TraceSource> traces, String defaultTenant, BlockingApi endpoints) {
    this.traces = traces;
    this.defaultTenant = defaultTenant;
    this.endpoints = endpoints;
  }

  /** Adds the API's routes to {@code server}. */
  public void addRoutes(ServerBuilder server) {
    get(server, "/api/echo", (HttpService) (ctx, req) -> HttpResponse.of(HttpStatus.OK, MediaType.PLAIN_TEXT_UTF_8, "echo"));
    get(server, "/ready", (HttpService) (ctx, req) -> HttpResponse.of(HttpStatus.OK, MediaType.PLAIN_TEXT_UTF_8, "ready\n"));
    get(server, "/api/status/buildinfo",
        (HttpService) (ctx, req) -> JsonResponses.of(HttpStatus.OK, json -> BuildInfo.write(json, BuildInfo.TEMPO_VERSION)));
    get(server, "/api/v2/traces/{id}", endpoints.endpoint("trace_by_id_v2", (params, ctx) -> traceById(params, ctx, true)));
    get(server, "/api/traces/{id}", endpoints.endpoint("trace_by_id", (params, ctx) -> traceById(params, ctx, false)));
  }

  private static void get(ServerBuilder server, String path, HttpService service) {
    server.route().path(path).methods(HttpMethod.GET).build(service);
  }

  private HttpResponse traceById(RequestParams params, ServiceRequestContext ctx, boolean v2) {
    byte[] traceId = TraceIds.parse(ctx.pathParam("id"));
    long start = seconds(params, "start", 0);
    long end = seconds(params, "end", MAX_SECONDS);
    if (end < start) {
      throw new BadRequestException("invalid start and end: end " + end + " is before start " + start);
    }
    List<Span> spans =
        traces.apply(BlockingApi.context(ctx)).trace(params.tenants(defaultTenant), traceId, start * NANOS_PER_SECOND, (end + 1) * NANOS_PER_SECOND);
    if (spans.isEmpty() && !v2) {
      return TempoErrors.text(HttpStatus.NOT_FOUND, "trace not found");
    }
    TracesData trace = OtlpTraces.of(spans);
    boolean protobuf = wantsProtobuf(ctx);
    if (v2) {
      return protobuf ? HttpResponse.of(HttpStatus.OK, PROTOBUF, HttpData.wrap(traceByIdResponse(trace))) : v2Json(trace);
    }
    return protobuf ? HttpResponse.of(HttpStatus.OK, PROTOBUF, HttpData.wrap(trace.toByteArray())) : v1Json(trace);
  }

  /** Tempo's content negotiation: protobuf only when asked for by name, JSON otherwise. */
  private static boolean wantsProtobuf(ServiceRequestContext ctx) {
    String accept = ctx.request().headers().get(HttpHeaderNames.ACCEPT);
    return accept != null && accept.contains("application/protobuf");
  }

  /**
   * {@code tempopb.TraceByIDResponse}: the trace (field 1, byte-compatible with {@code TracesData}).
   * Status (field 3) stays COMPLETE, its default: a trace is never cut short.
   */
  private static byte[] traceByIdResponse(TracesData trace) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(trace.getSerializedSize() + 8);
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    try {
      out.writeBytes(1, trace.toByteString());
      out.flush();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a trace in memory", e);
    }
    return bytes.toByteArray();
  }

  private static HttpResponse v2Json(TracesData trace) {
    return JsonResponses.of(HttpStatus.OK, json -> {
      json.writeStartObject();
      json.writeFieldName("trace");
      json.writeRawValue(OtlpJson.toOtlpJson(trace));
      json.writeStringField("status", "COMPLETE");
      json.writeEndObject();
    });
  }

  /** Tempo's v1 JSON: the resource spans under their legacy name {@code batches}. */
  private static HttpResponse v1Json(TracesData trace) {
    return JsonResponses.of(HttpStatus.OK, json -> {
      json.writeStartObject();
      json.writeArrayFieldStart("batches");
      for (ResourceSpans resourceSpans : trace.getResourceSpansList()) {
        json.writeRawValue(OtlpJson.toOtlpJson(resourceSpans));
      }
      json.writeEndArray();
      json.writeEndObject();
    });
  }

  /** A parameter in unix seconds, or {@code absent} when not given. */
  private static long seconds(RequestParams params, String name, long absent) {
    String value = params.get(name);
    if (value == null) {
      return absent;
    }
    try {
      long seconds = Long.parseLong(value);
      if (seconds < 0 || seconds > MAX_SECONDS) {
        throw new NumberFormatException();
      }
      return seconds;
    } catch (NumberFormatException e) {
      throw new BadRequestException("invalid " + name + " '" + value + "': expected unix epoch seconds");
    }
  }
}
