package dev.floe.maintain.lease;

import dev.floe.store.ObjectStore;
import dev.floe.store.ObjectStoreException;
import dev.floe.store.StoredObject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership among maintain instances, held as a lease object in the object store.
 *
 * <p>The object {@value #KEY} names the holder, the wall-clock time its lease expires and a
 * generation. An instance acquires the lease by creating the object (create-if-absent), or, when the
 * lease has expired or names this instance, by replacing it with compare-and-swap on the etag it
 * read; renewals are compare-and-swaps on the etag of its own last write, so a renewal fails as soon
 * as anyone else wrote the lease, and the instance stops leading at once. Between renewals an
 * instance leads only until {@code duration} after it sent its last successful write, so a leader cut
 * off from the store stops by itself no later than a follower may take over. {@link #release()}
 * writes an expired lease, which lets a follower take over on its next attempt.
 *
 * <p>Clocks: expiry is an absolute wall-clock time written by one instance and read by another, so
 * the instances' clocks must agree to well within the lease duration (NTP does). Skew only ever
 * causes two leaders for about the skew; that wastes work but cannot corrupt anything, because
 * compaction commits are correct without the lease. Thread-safe.
 */
public final class LeaderLease {
  /** The object that holds the lease. */
  public static final String KEY = "leases/maintain.json";

  private static final Logger LOG = LoggerFactory.getLogger(LeaderLease.class);
  private static final long MIN_RETRY_MILLIS = 50;

  private final ObjectStore store;
  private final String holder;
  private final long durationMillis;
  private final Clock clock;
  private String etag; // of our last successful write while we hold the lease, else null
  private long generation;
  private long leadingUntilMillis;
  private long othersExpiryMillis; // expiry of someone else's lease, as last read

  public LeaderLease(ObjectStore store, String holder, Duration duration, Clock clock) {
    this.store = store;
    this.holder = holder;
    this.durationMillis = duration.toMillis();
    this.clock = clock;
  }

  public String holder() {
    return holder;
  }

  /**
   * Renews the lease if this instance holds it, else tries to acquire it.
   *
   * @return whether this instance leads now
   */
  public synchronized boolean refresh() {
    long now = clock.millis();
    try {
      if (etag != null && renew(now)) {
        return true;
      }
      return acquire(now);
    } catch (ObjectStoreException e) {
      LOG.warn("lease {} unreachable: {}", KEY, e.toString());
      return isLeader();
    }
  }

  /** Whether this instance leads: it holds the lease and its last renewal is recent enough. */
  public synchronized boolean isLeader() {
    return etag != null && clock.millis() < leadingUntilMillis;
  }

  /** The generation of the lease while this instance holds it. */
  public synchronized long generation() {
    return generation;
  }

  /**
   * When to call {@link #refresh()} next: a third of the duration while leading, else when the
   * current holder's lease runs out, but at least every third of the duration.
   */
  public synchronized Duration nextRefresh() {
    long third = Math.max(MIN_RETRY_MILLIS, durationMillis / 3);
    if (etag != null) {
      return Duration.ofMillis(third);
    }
    long untilExpiry = othersExpiryMillis - clock.millis() + 1;
    return Duration.ofMillis(Math.max(MIN_RETRY_MILLIS, Math.min(third, untilExpiry)));
  }

  /** Gives the lease up, if held, so that a follower can take over without waiting for expiry. */
  public synchronized void release() {
    if (etag == null) {
      return;
    }
    String ours = etag;
    etag = null;
    try {
      if (store.replaceIfMatch(KEY, new LeaseState(holder, 0, generation).toJson(), ours).isPresent()) {
        LOG.info("{} released the maintain lease (generation {})", holder, generation);
      }
    } catch (ObjectStoreException e) {
      LOG.warn("cannot release lease {}; it expires by itself: {}", KEY, e.toString());
    }
  }

  private boolean renew(long now) {
    Optional<String> renewed =
        store.replaceIfMatch(KEY, new LeaseState(holder, now + durationMillis, generation).toJson(), etag);
    if (renewed.isPresent()) {
      etag = renewed.get();
      leadingUntilMillis = now + durationMillis;
      return true;
    }
    LOG.warn("{} lost the maintain lease (generation {}): someone else wrote it", holder, generation);
    etag = null;
    return false;
  }

  private boolean acquire(long now) {
    Optional<StoredObject> existing = store.get(KEY);
    if (existing.isEmpty()) {
      return took(store.createIfAbsent(KEY, new LeaseState(holder, now + durationMillis, 1).toJson()), now, 1);
    }
    LeaseState current;
    try {
      current = LeaseState.fromJson(existing.get().data());
    } catch (IOException e) {
      LOG.warn("lease {} is unreadable, taking it over: {}", KEY, e.toString());
      current = new LeaseState("", 0, 0);
    }
    if (!current.holder().equals(holder) && !current.expiredAt(now)) {
      othersExpiryMillis = current.expiresAtMillis();
      return false;
    }
    long next = current.generation() + 1;
    return took(
        store.replaceIfMatch(KEY, new LeaseState(holder, now + durationMillis, next).toJson(), existing.get().etag()),
        now,
        next);
  }

  private boolean took(Optional<String> written, long now, long newGeneration) {
    if (written.isEmpty()) {
      return false; // another instance was faster
    }
    etag = written.get();
    generation = newGeneration;
    leadingUntilMillis = now + durationMillis;
    LOG.info("{} now leads maintenance (lease generation {})", holder, newGeneration);
    return true;
  }
}
