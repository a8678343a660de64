package dev.floe.maintain.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.maintain.MutableClock;
import dev.floe.store.LocalObjectStore;
import dev.floe.store.ObjectStore;
import dev.floe.store.S3ProxyServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderLeaseTest {
  private static final Duration DURATION = Duration.ofSeconds(30);

  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(1_700_000_000_000L);

  private LeaderLease lease(ObjectStore store, String holder) {
    return new LeaderLease(store, holder, DURATION, clock);
  }

  @Test
  void oneInstanceLeadsAndRenewsWhileTheOtherWaits() {
    LocalObjectStore store = new LocalObjectStore(dir);
    LeaderLease a = lease(store, "a");
    LeaderLease b = lease(store, "b");

    assertThat(a.refresh()).isTrue();
    assertThat(b.refresh()).isFalse();
    assertThat(a.generation()).isEqualTo(1);
    // The follower tries again when the leader's lease would run out, at most a third later.
    assertThat(b.nextRefresh()).isEqualTo(Duration.ofSeconds(10));
    assertThat(a.nextRefresh()).isEqualTo(Duration.ofSeconds(10));

    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(10));
      assertThat(a.refresh()).isTrue();
      assertThat(b.refresh()).isFalse();
    }
    assertThat(a.isLeader()).isTrue();
    assertThat(a.generation()).isEqualTo(1);
  }

  @Test
  void aLeaderThatStopsRenewingIsReplacedWhenItsLeaseExpires() {
    LocalObjectStore store = new LocalObjectStore(dir);
    LeaderLease a = lease(store, "a");
    LeaderLease b = lease(store, "b");
    assertThat(a.refresh()).isTrue();

    clock.advance(DURATION.minusMillis(1));
    assertThat(b.refresh()).isFalse();
    assertThat(a.isLeader()).isTrue();
    assertThat(b.nextRefresh()).isEqualTo(Duration.ofMillis(50)); // the lease ends in 1 ms

    clock.advance(Duration.ofMillis(1));
    // a stops leading by itself the moment b may take over: never two leaders with one clock.
    assertThat(a.isLeader()).isFalse();
    assertThat(b.refresh()).isTrue();
    assertThat(b.generation()).isEqualTo(2);

    // The old leader comes back: its renewal fails because someone else wrote the lease.
    assertThat(a.refresh()).isFalse();
    assertThat(a.isLeader()).isFalse();
    assertThat(b.refresh()).isTrue();
  }

  @Test
  void releaseLetsAFollowerTakeOverAtOnce() {
    LocalObjectStore store = new LocalObjectStore(dir);
    LeaderLease a = lease(store, "a");
    LeaderLease b = lease(store, "b");
    assertThat(a.refresh()).isTrue();
    assertThat(b.refresh()).isFalse();

    a.release();

    assertThat(a.isLeader()).isFalse();
    assertThat(b.refresh()).isTrue();
    assertThat(b.generation()).isEqualTo(2);
  }

  @Test
  void aLeaderWhoseLeaseWasTakenStopsAtItsNextRenewal() {
    LocalObjectStore store = new LocalObjectStore(dir);
    LeaderLease a = lease(store, "a");
    assertThat(a.refresh()).isTrue();
    // Someone overwrote the lease (an operator, or a follower with a fast clock).
    String etag = store.get(LeaderLease.KEY).orElseThrow().etag();
    store.replaceIfMatch(
        LeaderLease.KEY,
        "{\"holder\":\"c\",\"expiresAtMillis\":9999999999999,\"generation\":7}".getBytes(StandardCharsets.UTF_8),
        etag);

    assertThat(a.refresh()).isFalse();
    assertThat(a.isLeader()).isFalse();
  }

  @Test
  void aRestartedInstanceWithTheSameIdTakesItsLeaseBack() {
    LocalObjectStore store = new LocalObjectStore(dir);
    assertThat(lease(store, "standalone").refresh()).isTrue();

    LeaderLease restarted = lease(store, "standalone");
    assertThat(restarted.refresh()).isTrue();
    assertThat(restarted.generation()).isEqualTo(2);
  }

  @Test
  void anUnreadableLeaseIsTakenOver() {
    LocalObjectStore store = new LocalObjectStore(dir);
    store.createIfAbsent(LeaderLease.KEY, "not json".getBytes(StandardCharsets.UTF_8));

    LeaderLease a = lease(store, "a");
    assertThat(a.refresh()).isTrue();
    assertThat(a.generation()).isEqualTo(1);
  }

  @Test
  void onlyOneOfManyContendersWinsOnS3() throws Exception {
    try (S3ProxyServer s3 = S3ProxyServer.start(); ObjectStore store = s3.newStore("")) {
      LeaderLease[] contenders = new LeaderLease[6];
      for (int i = 0; i < contenders.length; i++) {
        contenders[i] = lease(store, "c" + i);
      }
      boolean[] won = new boolean[contenders.length];
      Thread[] threads = new Thread[contenders.length];
      for (int i = 0; i < contenders.length; i++) {
        int index = i;
        threads[i] = new Thread(() -> won[index] = contenders[index].refresh());
        threads[i].start();
      }
      for (Thread thread : threads) {
        thread.join(10_000);
      }
      int winners = 0;
      for (boolean w : won) {
        winners += w ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);

      clock.advance(DURATION);
      int leaders = 0;
      for (LeaderLease contender : contenders) {
        leaders += contender.refresh() ? 1 : 0;
      }
      assertThat(leaders).isEqualTo(1);
    }
  }
}
