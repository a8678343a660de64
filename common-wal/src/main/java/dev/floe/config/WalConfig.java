package dev.floe.config;

/**
 * How the WAL is laid out and written. Every replica of a deployment must use the same shard count.
 *
 * @param shards shards per signal; more shards spread write contention across more replicas
 * @param zstdLevel ZSTD level for segment pages (1 fastest, 22 smallest); 1 by default, since
 *     segments live only until compaction rewrites them (and measured no larger than level 3)
 * @param maxWriteAttempts attempts of one segment write against a failing store before the batch fails
 */
public record WalConfig(int shards, int zstdLevel, int maxWriteAttempts) {
  public static WalConfig defaults() {
    return new WalConfig(4, 1, 4);
  }
}
