package dev.floe.logql.engine;

/**
 * Where the LogQL engine reads log entries from; the storage side implements it, {@link InMemoryLogSource}
 * serves tests. Tenancy is the implementation's business: one instance reads one tenant's (or tenants') data.
 *
 * <p>Matchers select whole streams, so an implementation can evaluate them once per distinct stream (see
 * {@link StreamMatcher}) rather than once per entry.
 */
public interface LogSource {

  /**
   * Delivers to {@code sink} the entries {@code scan} selects, ordered by timestamp in the scan's direction
   * (entries with equal timestamps in any order) unless the scan is not {@linkplain LogScan#ordered() ordered},
   * until there are no more or the sink returns {@code false}.
   */
  void scan(LogScan scan, EntrySink sink);
}
