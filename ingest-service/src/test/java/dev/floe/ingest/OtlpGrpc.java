package dev.floe.ingest;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.util.concurrent.TimeUnit;

/** An OTLP/gRPC client on grpc-java with the generated stubs, as a collector would call. */
final class OtlpGrpc implements AutoCloseable {
  private static final Metadata.Key<String> TENANT =
      Metadata.Key.of("x-scope-orgid", Metadata.ASCII_STRING_MARSHALLER);

  private final ManagedChannel channel;

  OtlpGrpc(int port) {
    this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  /** A logs stub for one call, with {@code x-scope-orgid} unless {@code tenant} is null. */
  LogsServiceGrpc.LogsServiceBlockingStub logs(String tenant) {
    return LogsServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(20, TimeUnit.SECONDS)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(tenantMetadata(tenant)));
  }

  TraceServiceGrpc.TraceServiceBlockingStub traces(String tenant) {
    return TraceServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(20, TimeUnit.SECONDS)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(tenantMetadata(tenant)));
  }

  private static Metadata tenantMetadata(String tenant) {
    Metadata metadata = new Metadata();
    if (tenant != null) {
      metadata.put(TENANT, tenant);
    }
    return metadata;
  }

  @Override
  public void close() {
    try {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
