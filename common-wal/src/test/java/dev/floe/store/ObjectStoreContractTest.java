package dev.floe.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link ObjectStore} must have; a subclass per implementation supplies it. */
abstract class ObjectStoreContractTest {
  private ObjectStore store;

  /** A new, empty store; called before each test and closed after it. */
  protected abstract ObjectStore newStore() throws Exception;

  /** How many times the backend wrote {@code key}, where the backend can tell. */
  protected OptionalInt writeCount(String key) {
    return OptionalInt.empty();
  }

  protected ObjectStore store() {
    return store;
  }

  @BeforeEach
  void openStore() throws Exception {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void createIfAbsentWritesOnlyOnce() {
    String key = "wal/logs/0/00000000000000000001.parquet";

    Optional<String> first = store.createIfAbsent(key, bytes("first"));
    Optional<String> second = store.createIfAbsent(key, bytes("second"));

    assertThat(first).isPresent();
    assertThat(second).isEmpty();
    StoredObject stored = store.get(key).orElseThrow();
    assertThat(text(stored.data())).isEqualTo("first");
    assertThat(stored.etag()).isEqualTo(first.get());
    assertWrites(key, 1);
  }

  @Test
  void concurrentCreateIfAbsentHasExactlyOneWinner() throws Exception {
    for (int round = 0; round < 5; round++) {
      String key = String.format("wal/logs/0/%020d.parquet", round);

      List<Optional<String>> results =
          runConcurrently(16, writer -> () -> store.createIfAbsent(key, bytes("writer-" + writer)));

      List<Integer> winners =
          IntStream.range(0, results.size())
              .filter(i -> results.get(i).isPresent())
              .boxed()
              .toList();
      assertThat(winners).as("winners of %s", key).hasSize(1);
      int winner = winners.get(0);
      StoredObject stored = store.get(key).orElseThrow();
      assertThat(text(stored.data())).isEqualTo("writer-" + winner);
      assertThat(stored.etag()).isEqualTo(results.get(winner).get());
      assertWrites(key, 1);
    }
  }

  @Test
  void replaceIfMatchNeedsTheCurrentEtag() {
    String key = "lease/maintain";
    String first = store.createIfAbsent(key, bytes("v1")).orElseThrow();

    Optional<String> second = store.replaceIfMatch(key, bytes("v2"), first);
    Optional<String> stale = store.replaceIfMatch(key, bytes("v3"), first);

    assertThat(second).isPresent();
    assertThat(second.get()).isNotEqualTo(first);
    assertThat(stale).isEmpty();
    StoredObject stored = store.get(key).orElseThrow();
    assertThat(text(stored.data())).isEqualTo("v2");
    assertThat(stored.etag()).isEqualTo(second.get());
    assertWrites(key, 2);
  }

  @Test
  void replaceIfMatchDoesNotCreateAMissingObject() {
    String etag = store.createIfAbsent("other", bytes("x")).orElseThrow();

    assertThat(store.replaceIfMatch("missing", bytes("y"), etag)).isEmpty();
    assertThat(store.head("missing")).isEmpty();
  }

  @Test
  void etagsFromEveryReadWorkForReplace() {
    String key = "state/watermark";
    String created = store.createIfAbsent(key, bytes("a")).orElseThrow();

    String fromHead = store.head(key).orElseThrow().etag();
    String fromGet = store.get(key).orElseThrow().etag();
    String fromList = store.list("state/", null, 10).objects().get(0).etag();

    assertThat(List.of(fromHead, fromGet, fromList)).containsOnly(created);
    assertThat(created).doesNotContain("\"");
    String replaced = store.replaceIfMatch(key, bytes("b"), fromList).orElseThrow();
    assertThat(store.head(key).orElseThrow().etag()).isEqualTo(replaced);
  }

  @Test
  void concurrentCompareAndSwapIncrementsAreNeverLost() throws Exception {
    String key = "counters/cas";
    store.createIfAbsent(key, bytes("0")).orElseThrow();

    runConcurrently(
        8,
        worker ->
            () -> {
              CasCounter.increment(store, key, 25);
              return null;
            });

    assertThat(text(store.get(key).orElseThrow().data())).isEqualTo("200");
    assertWrites(key, 201);
  }

  @Test
  void readRangeReadsWhatExists() {
    String key = "segments/range";
    store.createIfAbsent(key, bytes("0123456789")).orElseThrow();

    assertThat(text(store.readRange(key, 0, 4))).isEqualTo("0123");
    assertThat(text(store.readRange(key, 3, 4))).isEqualTo("3456");
    assertThat(text(store.readRange(key, 8, 10))).isEqualTo("89");
    assertThat(text(store.readRange(key, 0, 10))).isEqualTo("0123456789");
    assertThat(store.readRange(key, 10, 5)).isEmpty();
    assertThat(store.readRange(key, 100, 5)).isEmpty();
    assertThat(store.readRange(key, 2, 0)).isEmpty();
  }

  @Test
  void readRangeOfAMissingObjectFails() {
    assertThatThrownBy(() -> store.readRange("segments/deleted", 0, 10))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessageContaining("segments/deleted");
    assertThatThrownBy(() -> store.readRange("segments/deleted", 0, 0))
        .isInstanceOf(ObjectNotFoundException.class);
  }

  @Test
  void emptyObjectsAreObjects() {
    String key = "empty";
    store.createIfAbsent(key, new byte[0]).orElseThrow();

    assertThat(store.get(key).orElseThrow().data()).isEmpty();
    assertThat(store.head(key).orElseThrow().size()).isZero();
    assertThat(store.readRange(key, 0, 10)).isEmpty();
    assertThat(store.createIfAbsent(key, bytes("late"))).isEmpty();
  }

  @Test
  void headAndGetOfMissingObjectsAreEmpty() {
    store.createIfAbsent("present/a", bytes("a")).orElseThrow();

    assertThat(store.get("missing")).isEmpty();
    assertThat(store.head("missing")).isEmpty();
    assertThat(store.get("present/b")).isEmpty();
    assertThat(store.head("present/b")).isEmpty();
    assertThat(store.get("present")).as("a folder is not an object").isEmpty();
    assertThat(store.head("present")).as("a folder is not an object").isEmpty();
  }

  @Test
  void headDescribesTheObject() {
    Instant before = Instant.now().minus(Duration.ofSeconds(5));
    String etag = store.createIfAbsent("described", bytes("12345")).orElseThrow();

    ObjectInfo info = store.head("described").orElseThrow();

    assertThat(info.key()).isEqualTo("described");
    assertThat(info.size()).isEqualTo(5);
    assertThat(info.etag()).isEqualTo(etag);
    assertThat(info.lastModified()).isBetween(before, Instant.now().plus(Duration.ofSeconds(5)));
  }

  @Test
  void listPagesThroughAPrefixInKeyOrder() {
    List<String> segments = new ArrayList<>();
    for (int offset = 0; offset < 25; offset++) {
      segments.add(String.format("wal/logs/0/%020d.parquet", offset));
    }
    List<String> others =
        List.of(
            "wal/logs/1/00000000000000000000.parquet",
            "wal/logsx",
            "wal/spans/0/00000000000000000000.parquet",
            "walrus");
    createAll(segments, others);

    ObjectListing first = store.list("wal/logs/0/", null, 10);
    ObjectListing second = store.list("wal/logs/0/", lastKey(first), 10);
    ObjectListing third = store.list("wal/logs/0/", lastKey(second), 10);

    assertThat(keys(first)).isEqualTo(segments.subList(0, 10));
    assertThat(first.truncated()).isTrue();
    assertThat(keys(second)).isEqualTo(segments.subList(10, 20));
    assertThat(second.truncated()).isTrue();
    assertThat(keys(third)).isEqualTo(segments.subList(20, 25));
    assertThat(third.truncated()).isFalse();
    assertThat(first.objects().get(0).size()).isEqualTo(segments.get(0).length());
  }

  @Test
  void listStartsStrictlyAfterStartAfter() {
    List<String> segments = new ArrayList<>();
    for (int offset = 0; offset < 12; offset++) {
      segments.add(String.format("wal/logs/0/%020d.parquet", offset));
    }
    createAll(segments, List.of());

    assertThat(keys(store.list("wal/logs/0/", segments.get(7), 3)))
        .isEqualTo(segments.subList(8, 11));
    assertThat(keys(store.list("wal/logs/0/", "wal/logs/0/00000000000000000007.x", 3)))
        .as("startAfter need not be a key")
        .isEqualTo(segments.subList(8, 11));
    ObjectListing end = store.list("wal/logs/0/", segments.get(11), 3);
    assertThat(end.objects()).isEmpty();
    assertThat(end.truncated()).isFalse();
    assertThat(keys(store.list("wal/logs/0/0000000000000000001", null, 10)))
        .as("a prefix can end inside a name")
        .isEqualTo(segments.subList(10, 12));
  }

  @Test
  void listIsRecursiveAndOrderedByWholeKeys() {
    List<String> nested = List.of("x/a-b", "x/a.c", "x/a/1", "x/a/2/deep", "x/a0", "x/b");
    List<String> others = List.of("wal/logs/0/1", "wal/logsx", "walrus", "y");
    createAll(nested, others);

    assertThat(keys(store.list("x/", null, 100))).isEqualTo(nested);
    assertThat(keys(store.list("x/a", null, 100))).isEqualTo(nested.subList(0, 5));
    assertThat(keys(store.list("x/", "x/a/1", 100))).isEqualTo(nested.subList(3, 6));
    assertThat(keys(store.list("x/", "x/a/2/deep", 100))).isEqualTo(nested.subList(4, 6));
    assertThat(keys(store.list("wal/lo", null, 100))).containsExactly("wal/logs/0/1", "wal/logsx");
    assertThat(keys(store.list("wal", null, 100)))
        .containsExactly("wal/logs/0/1", "wal/logsx", "walrus");
    List<String> all = new ArrayList<>(nested);
    all.addAll(others);
    Collections.sort(all);
    assertThat(keys(store.list("", null, 100))).isEqualTo(all);
    assertThat(keys(store.list(null, null, 100))).isEqualTo(all);
    assertThat(store.list("nothing/", null, 10).objects()).isEmpty();
    assertThat(store.list("x/b/", null, 10).objects()).as("a key is not a folder").isEmpty();
  }

  @Test
  void listAllFetchesEveryPage() throws Exception {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 1100; i++) {
      keys.add(String.format("many/%05d", i));
    }
    runConcurrently(
        8,
        writer ->
            () -> {
              for (int i = writer; i < keys.size(); i += 8) {
                store.createIfAbsent(keys.get(i), bytes(keys.get(i))).orElseThrow();
              }
              return null;
            });

    assertThat(store.listAll("many/", null)).extracting(ObjectInfo::key).isEqualTo(keys);
    assertThat(store.listAll("many/", "many/00999"))
        .extracting(ObjectInfo::key)
        .isEqualTo(keys.subList(1000, 1100));

    List<String> doomed = new ArrayList<>(keys);
    doomed.add("many/never-written");
    store.deleteAll(doomed);
    assertThat(store.listAll("many/", null)).isEmpty();
  }

  @Test
  void deleteAllRemovesTheGivenKeysAndIgnoresMissingOnes() {
    createAll(List.of("d/a", "d/b", "d/c"), List.of());

    store.deleteAll(List.of("d/a", "d/missing", "d/c"));
    store.deleteAll(List.of());

    assertThat(store.head("d/a")).isEmpty();
    assertThat(store.head("d/c")).isEmpty();
    assertThat(store.get("d/b")).isPresent();
    assertThat(keys(store.list("d/", null, 10))).containsExactly("d/b");
    assertThatThrownBy(() -> store.readRange("d/a", 0, 1))
        .isInstanceOf(ObjectNotFoundException.class);
    assertThat(store.createIfAbsent("d/a", bytes("again"))).as("a deleted key is free").isPresent();
  }

  @Test
  void invalidKeysAreRejected() {
    store.createIfAbsent("valid", bytes("v")).orElseThrow();

    for (String key : List.of("/abs", "a//b", "a/", "../a", "a/../b", "a/./b", ".", "a\\b")) {
      assertThatThrownBy(() -> store.createIfAbsent(key, bytes("x")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(key);
      assertThatThrownBy(() -> store.get(key)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.head(key)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.readRange(key, 0, 1))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.replaceIfMatch(key, bytes("x"), "etag"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.deleteAll(List.of("valid", key)))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> store.createIfAbsent("", bytes("x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.list("/abs/", null, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.list("a/../", null, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.get("valid")).as("no delete ran for a batch with an invalid key").isPresent();
  }

  private void createAll(List<String> keys, List<String> moreKeys) {
    List<String> all = new ArrayList<>(keys);
    all.addAll(moreKeys);
    // Creation order must not matter to the listing order.
    Collections.shuffle(all, new Random(42));
    for (String key : all) {
      store.createIfAbsent(key, bytes(key)).orElseThrow();
    }
  }

  private void assertWrites(String key, int expected) {
    writeCount(key)
        .ifPresent(count -> assertThat(count).as("backend writes of %s", key).isEqualTo(expected));
  }

  private static <T> List<T> runConcurrently(int threads, IntFunction<Callable<T>> tasks)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<T> task = tasks.apply(i);
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<String> keys(ObjectListing listing) {
    return listing.objects().stream().map(ObjectInfo::key).toList();
  }

  private static String lastKey(ObjectListing listing) {
    return listing.objects().get(listing.objects().size() - 1).key();
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String text(byte[] data) {
    return new String(data, StandardCharsets.UTF_8);
  }
}
