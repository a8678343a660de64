package dev.floe.tenant;

import java.util.ArrayList;
import java.util.List;

/**
 * Tenant ids as Loki, Mimir and Tempo accept them in {@code X-Scope-OrgID}: 1 to 150 characters
 * from {@code a-z A-Z 0-9 ! - _ . * ' ( )}, and neither {@code .} nor {@code ..}. The pipe is
 * reserved for naming several tenants in one query header ({@code a|b}).
 */
public final class TenantIds {
  /** The HTTP header that carries the tenant. gRPC metadata uses its lower-case form. */
  public static final String HEADER = "X-Scope-OrgID";
  public static final int MAX_LENGTH = 150;

  private TenantIds() {}

  /**
   * The tenant a write belongs to.
   *
   * @param header the header value, or null when absent
   * @param defaultTenant used when the header is absent
   * @throws InvalidTenantException naming what is wrong with the header
   */
  public static String forWrite(String header, String defaultTenant) {
    if (header == null) {
      return defaultTenant;
    }
    if (header.indexOf('|') >= 0) {
      throw new InvalidTenantException("a write belongs to one tenant; " + HEADER + " '" + header + "' names several");
    }
    validate(header);
    return header;
  }

  /** The tenants a query reads: one, or several separated by '|'. */
  public static List<String> forRead(String header, String defaultTenant) {
    if (header == null) {
      return List.of(defaultTenant);
    }
    List<String> tenants = new ArrayList<>();
    for (String tenant : header.split("\\|", -1)) {
      validate(tenant);
      if (!tenants.contains(tenant)) {
        tenants.add(tenant);
      }
    }
    return List.copyOf(tenants);
  }

  /** Throws {@link InvalidTenantException} unless {@code tenant} is a valid tenant id. */
  public static void validate(String tenant) {
    if (tenant.isEmpty()) {
      throw new InvalidTenantException(HEADER + " is empty");
    }
    if (tenant.length() > MAX_LENGTH) {
      throw new InvalidTenantException(
          HEADER + " is " + tenant.length() + " characters long; at most " + MAX_LENGTH + " are allowed");
    }
    if (tenant.equals(".") || tenant.equals("..")) {
      throw new InvalidTenantException(HEADER + " must not be '" + tenant + "'");
    }
    for (int i = 0; i < tenant.length(); i++) {
      char c = tenant.charAt(i);
      if (!allowed(c)) {
        throw new InvalidTenantException(
            HEADER + " '" + printable(tenant) + "' has an unsupported character at position " + i
                + "; allowed are letters, digits and ! - _ . * ' ( )");
      }
    }
  }

  private static boolean allowed(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!-_.*'()".indexOf(c) >= 0;
  }

  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(text.length(), 60); i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }
}
