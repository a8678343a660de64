package dev.floe.server;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import dev.floe.tenant.TenantIds;
import java.util.Set;

/**
 * Auth mode, as Loki's {@code auth_enabled}: Floe authenticates no one itself, a gateway in front
 * does and sets {@code X-Scope-OrgID}; a request without the header is refused with 401 instead of
 * going to the default tenant.
 */
public final class TenantAuth {
  /** The refusal's text, as Loki words it. */
  public static final String NO_ORG_ID = "no org id: " + TenantIds.HEADER + " is required";

  private TenantAuth() {}

  /** Refuses HTTP requests without the tenant header with 401, except on {@code openPaths} (health probes). */
  public static DecoratingHttpServiceFunction requireTenant(Set<String> openPaths) {
    return (delegate, ctx, req) -> {
      if (req.headers().contains(TenantIds.HEADER) || openPaths.contains(ctx.path())) {
        return delegate.serve(ctx, req);
      }
      return HttpResponse.of(HttpStatus.UNAUTHORIZED, MediaType.PLAIN_TEXT_UTF_8, NO_ORG_ID + "\n");
    };
  }
}
