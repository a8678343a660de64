package dev.floe.maintain.lifecycle;

import dev.floe.schema.Signal;
import java.time.Duration;
import java.util.Map;

/**
 * How long data is kept, in whole days, per tenant and per signal.
 *
 * <p>The days for a (tenant, signal) pair are the first of: {@code tenantDays[tenant][signal]},
 * {@code tenantDays[tenant]["default"]}, {@code signalDays[signal]}, {@code defaultDays}. Zero
 * keeps that data forever.
 *
 * @param enabled whether retention runs at all
 * @param interval least time between two runs on the same table
 * @param defaultDays days kept for every tenant and signal without a more specific setting
 * @param signalDays days per signal id ({@code logs}, {@code spans}, {@code metrics}, {@code
 *     events}), for every tenant
 * @param tenantDays days per tenant, keyed by signal id or {@code default} (all of the tenant's
 *     signals)
 */
public record RetentionConfig(
    boolean enabled,
    Duration interval,
    int defaultDays,
    Map<String, Integer> signalDays,
    Map<String, Map<String, Integer>> tenantDays) {

  /** The key of a tenant's setting for all of its signals. */
  public static final String ALL_SIGNALS = "default";

  public RetentionConfig {
    LifecycleConfig.requirePositive("lifecycle.retention.interval", interval);
    requireDays("lifecycle.retention.defaultDays", defaultDays);
    signalDays = signalDays == null ? Map.of() : Map.copyOf(signalDays);
    signalDays.forEach((signal, days) -> {
      requireSignal("lifecycle.retention.signalDays", signal);
      requireDays("lifecycle.retention.signalDays." + signal, days);
    });
    tenantDays = tenantDays == null ? Map.of() : Map.copyOf(tenantDays);
    tenantDays.forEach((tenant, perSignal) -> perSignal.forEach((signal, days) -> {
      if (!signal.equals(ALL_SIGNALS)) {
        requireSignal("lifecycle.retention.tenantDays." + tenant, signal);
      }
      requireDays("lifecycle.retention.tenantDays." + tenant + "." + signal, days);
    }));
  }

  /** 30 days for everything, checked hourly. */
  public static RetentionConfig defaults() {
    return new RetentionConfig(true, Duration.ofHours(1), 30, Map.of(), Map.of());
  }

  /** The days kept of {@code tenant}'s {@code signal}; 0 means forever. */
  public int days(String tenant, Signal signal) {
    Map<String, Integer> perSignal = tenantDays.getOrDefault(tenant, Map.of());
    Integer days = perSignal.get(signal.id());
    if (days == null) {
      days = perSignal.get(ALL_SIGNALS);
    }
    if (days == null) {
      days = signalDays.get(signal.id());
    }
    return days == null ? defaultDays : days;
  }

  private static void requireSignal(String key, String signal) {
    try {
      Signal.fromId(signal);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + " has an unknown signal '" + signal + "'", e);
    }
  }

  private static void requireDays(String key, Integer days) {
    if (days == null || days < 0) {
      throw new IllegalArgumentException(key + " must be 0 (keep forever) or a positive number of days, got " + days);
    }
  }
}
