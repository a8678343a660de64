package dev.floe.logql.engine;

/**
 * Where the LogQL engine reads log entries from; the storage side implements it, tests hold entries in
 * memory. Tenancy is the implementation's business: one instance reads one tenant's (or tenants') data.
 *
 * <p>Matchers select whole streams, so an implementation can evaluate them once per distinct stream (see
 * {@link dev.floe.lang.LabelMatcher#matchesAll}) rather than once per entry.
 */
public interface LogSource {

  /**
   * Delivers to {@code sink} the entries {@code scan} selects, in any order unless {@link #ordered()}, until
   * there are no more or the sink returns {@code false}.
   */
  void scan(LogScan scan, EntrySink sink);

  /**
   * Whether {@link #scan} delivers entries by timestamp in the scan's direction (equal timestamps in any
   * order). An ordered source lets a log query stop reading once it has its {@code limit} of entries; the
   * engine orders entries itself otherwise.
   */
  default boolean ordered() {
    return false;
  }
}
