package dev.floe.bench;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Realistic OTLP log export requests, as a collector would batch them: each request holds records
 * of a few pods (resources with service, namespace, pod and host attributes), bodies of about 200
 * bytes of varied text, five attributes, severities, trace and span ids on most records, and
 * timestamps around the time of generation. Deterministic for a given seed.
 */
public final class LogWorkload {
  /** Records per request unless told otherwise, a common collector batch size. */
  public static final int DEFAULT_RECORDS_PER_REQUEST = 1000;

  private static final String[][] SERVICES = {
    {"frontend", "web"}, {"checkout", "shop"}, {"payments", "shop"},
    {"inventory", "warehouse"}, {"auth", "identity"}, {"pricing", "shop"},
    {"cart", "shop"}, {"search", "web"}, {"recommendations", "web"}, {"shipping", "warehouse"},
    {"notifications", "messaging"}, {"email", "messaging"}, {"ads", "web"}, {"reviews", "shop"},
    {"loyalty", "shop"}, {"fraud-check", "risk"}, {"ledger", "finance"}, {"billing", "finance"},
    {"gateway", "edge"}, {"profiles", "identity"}, {"sessions", "identity"}, {"media", "web"},
    {"catalog", "shop"}, {"currency", "finance"}, {"tax", "finance"}, {"returns", "warehouse"}
  };
  /** Services of the default workload, the first of {@link #SERVICES}. */
  private static final int DEFAULT_SERVICES = 6;
  /** Most services a workload can have. */
  public static final int MAX_SERVICES = SERVICES.length;
  private static final int PODS_PER_SERVICE = 2;
  private static final int RESOURCES_PER_REQUEST = 4;
  private static final InstrumentationScope SCOPE =
      InstrumentationScope.newBuilder().setName("io.opentelemetry.logback-appender-1.0").setVersion("2.10.0-alpha").build();

  private final SplittableRandom random;
  private final LogLines lines;
  private final List<Resource> pods = new ArrayList<>();

  public LogWorkload(long seed) {
    this(seed, DEFAULT_SERVICES);
  }

  /** A workload of {@code services} services (at most {@link #MAX_SERVICES}), two pods each. */
  public LogWorkload(long seed, int services) {
    this.random = new SplittableRandom(seed);
    this.lines = new LogLines(random);
    for (String[] service : List.of(SERVICES).subList(0, services)) {
      for (int replica = 0; replica < PODS_PER_SERVICE; replica++) {
        pods.add(pod(service[0], service[1]));
      }
    }
  }

  /** One request of {@code records} records spread over a few pods, timed shortly before {@code nowNanos}. */
  public ExportLogsServiceRequest request(int records, long nowNanos) {
    ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
    long time = nowNanos - 1_000_000_000L;
    int first = random.nextInt(pods.size());
    for (int r = 0; r < RESOURCES_PER_REQUEST; r++) {
      int count = records / RESOURCES_PER_REQUEST + (r < records % RESOURCES_PER_REQUEST ? 1 : 0);
      ScopeLogs.Builder scope = ScopeLogs.newBuilder().setScope(SCOPE);
      for (int i = 0; i < count; i++) {
        time += random.nextLong(1, 1_000_000_000L / records);
        scope.addLogRecords(record(time));
      }
      request.addResourceLogs(
          ResourceLogs.newBuilder()
              .setResource(pods.get((first + r * 3) % pods.size()))
              .setSchemaUrl("https://opentelemetry.io/schemas/1.26.0")
              .addScopeLogs(scope));
    }
    return request.build();
  }

  /** {@code count} different requests, serialized; timestamps are taken from the clock now. */
  public static List<byte[]> serializedRequests(int count, int records, long seed) {
    LogWorkload workload = new LogWorkload(seed);
    long now = System.currentTimeMillis() * 1_000_000L;
    List<byte[]> bodies = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      bodies.add(workload.request(records, now).toByteArray());
    }
    return bodies;
  }

  private LogRecord record(long time) {
    LogRecord.Builder record =
        LogRecord.newBuilder().setTimeUnixNano(time).setObservedTimeUnixNano(time + random.nextLong(50_000, 2_000_000));
    if (random.nextInt(5) != 0) {
      record.setTraceId(randomBytes(16)).setSpanId(randomBytes(8)).setFlags(1);
    }
    lines.fill(record);
    return record.build();
  }

  private Resource pod(String service, String namespace) {
    String deployment = service + "-" + lines.hex(10);
    String pod = deployment + "-" + lines.hex(5);
    return Resource.newBuilder()
        .addAttributes(LogLines.text("service.name", service))
        .addAttributes(LogLines.text("service.namespace", namespace))
        .addAttributes(LogLines.text("service.version", "1." + random.nextInt(20) + "." + random.nextInt(10)))
        .addAttributes(LogLines.text("deployment.environment.name", "production"))
        .addAttributes(LogLines.text("k8s.namespace.name", namespace))
        .addAttributes(LogLines.text("k8s.deployment.name", service))
        .addAttributes(LogLines.text("k8s.pod.name", pod))
        .addAttributes(LogLines.text("host.name", "node-" + random.nextInt(1, 40) + ".eu-west-1.compute.internal"))
        .addAttributes(LogLines.text("telemetry.sdk.language", "java"))
        .build();
  }

  private ByteString randomBytes(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i += 8) {
      long value = random.nextLong();
      for (int j = i; j < Math.min(length, i + 8); j++) {
        bytes[j] = (byte) value;
        value >>>= 8;
      }
    }
    return ByteString.copyFrom(bytes);
  }
}
