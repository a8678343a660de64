package dev.floe.query.api;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.common.RequestHeaders;
import dev.floe.tenant.InvalidTenantException;
import dev.floe.tenant.TenantIds;
import java.util.List;

/**
 * The parameters of an API request: the URL's query string, plus a form-encoded body on POST (which
 * is how Grafana sends long queries), as both Loki and Prometheus read them.
 */
public final class RequestParams {
  private final QueryParams params;
  private final String tenantHeader;

  private RequestParams(QueryParams params, String tenantHeader) {
    this.params = params;
    this.tenantHeader = tenantHeader;
  }

  /**
   * @throws BadRequestException if a POST body is neither empty nor form-encoded
   */
  public static RequestParams of(AggregatedHttpRequest request) {
    QueryParams query = queryString(request.path());
    if (request.method() == HttpMethod.POST && !request.content().isEmpty()) {
      MediaType type = request.contentType();
      if (type == null || !type.is(MediaType.FORM_DATA)) {
        throw new BadRequestException(
            "unsupported content type " + (type == null ? "(none)" : type) + ": POST parameters must be "
                + MediaType.FORM_DATA);
      }
      QueryParams form = QueryParams.fromQueryString(request.contentUtf8());
      query = query.toBuilder().add(form).build();
    }
    return new RequestParams(query, request.headers().get(TenantIds.HEADER));
  }

  /** The parameters of a request without a body, such as a websocket upgrade. */
  public static RequestParams of(RequestHeaders headers) {
    return new RequestParams(queryString(headers.path()), headers.get(TenantIds.HEADER));
  }

  private static QueryParams queryString(String path) {
    int question = path.indexOf('?');
    return question < 0 ? QueryParams.of() : QueryParams.fromQueryString(path.substring(question + 1));
  }

  /** The value of {@code name} (the last one when repeated), or null. */
  public String get(String name) {
    List<String> values = params.getAll(name);
    if (values.isEmpty()) {
      return null;
    }
    String value = values.get(values.size() - 1);
    return value.isEmpty() ? null : value;
  }

  public List<String> getAll(String name) {
    return params.getAll(name);
  }

  /** The tenants to read, from {@code X-Scope-OrgID} ({@code a|b} reads several). */
  public List<String> tenants(String defaultTenant) {
    try {
      return TenantIds.forRead(tenantHeader, defaultTenant);
    } catch (InvalidTenantException e) {
      throw new BadRequestException(e.getMessage());
    }
  }
}
