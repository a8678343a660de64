package dev.floe.ingest.otlp;

import dev.floe.server.TenantAuth;
import dev.floe.tenant.TenantIds;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Locale;

/** Auth mode over gRPC: a call without {@code x-scope-orgid} metadata ends with UNAUTHENTICATED. */
public final class TenantInterceptor implements ServerInterceptor {
  private static final Metadata.Key<String> TENANT =
      Metadata.Key.of(TenantIds.HEADER.toLowerCase(Locale.ROOT), Metadata.ASCII_STRING_MARSHALLER);

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    if (headers.containsKey(TENANT)) {
      return next.startCall(call, headers);
    }
    call.close(Status.UNAUTHENTICATED.withDescription(TenantAuth.NO_ORG_ID), new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
