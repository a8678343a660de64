package dev.floe.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalObjectStoreTest extends ObjectStoreContractTest {
  @TempDir Path root;

  @Override
  protected ObjectStore newStore() {
    return new LocalObjectStore(root);
  }

  @Test
  void objectsAreFilesUnderTheRoot() throws Exception {
    store().createIfAbsent("wal/logs/0/00000000000000000000.parquet", bytes("segment"));

    assertThat(root.resolve("wal/logs/0/00000000000000000000.parquet")).hasContent("segment");
  }

  @Test
  void reservedFolderIsNeitherAKeyNorListed() {
    String etag = store().createIfAbsent("a", bytes("1")).orElseThrow();
    store().replaceIfMatch("a", bytes("2"), etag).orElseThrow();
    store().createIfAbsent("b/c", bytes("3")).orElseThrow();

    assertThatThrownBy(
            () -> store().createIfAbsent(LocalObjectStore.RESERVED + "/tmp/x", bytes("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(LocalObjectStore.RESERVED);
    assertThat(store().listAll("", null)).extracting(ObjectInfo::key).containsExactly("a", "b/c");
    assertThat(store().list(LocalObjectStore.RESERVED + "/", null, 10).objects()).isEmpty();
    assertThat(root.resolve(LocalObjectStore.RESERVED).resolve("tmp")).isEmptyDirectory();
  }

  @Test
  void sameBytesHaveTheSameEtag() {
    String first = store().createIfAbsent("one", bytes("same")).orElseThrow();
    String second = store().createIfAbsent("two", bytes("same")).orElseThrow();

    assertThat(first).isEqualTo(second).isEqualTo(FileEtags.of(bytes("same")));
  }

  @Test
  void filesCopiedInWithoutStoredEtagsAreHashed() throws Exception {
    Files.createDirectories(root.resolve("copied"));
    Files.write(root.resolve("copied/file"), bytes("by hand"));
    String expected = FileEtags.of(bytes("by hand"));

    assertThat(store().head("copied/file").orElseThrow().etag()).isEqualTo(expected);
    assertThat(store().list("copied/", null, 10).objects().get(0).etag()).isEqualTo(expected);
    assertThat(store().get("copied/file").orElseThrow().etag()).isEqualTo(expected);
    assertThat(store().replaceIfMatch("copied/file", bytes("replaced"), expected)).isPresent();
  }

  @Test
  void aKeyCannotAlsoBeAFolder() {
    store().createIfAbsent("a/b", bytes("x")).orElseThrow();

    assertThatThrownBy(() -> store().createIfAbsent("a", bytes("y")))
        .isInstanceOf(ObjectStoreException.class)
        .hasMessageContaining("'a'");
    assertThatThrownBy(() -> store().createIfAbsent("a/b/c", bytes("z")))
        .isInstanceOf(ObjectStoreException.class)
        .hasMessageContaining("a/b/c");
  }

  @Test
  void storesOnTheSameFolderShareLocks() throws Exception {
    String key = "counters/shared";
    store().createIfAbsent(key, bytes("0")).orElseThrow();
    List<Thread> threads = new ArrayList<>();
    List<LocalObjectStore> stores = List.of(new LocalObjectStore(root), new LocalObjectStore(root));
    for (int i = 0; i < 6; i++) {
      LocalObjectStore shared = stores.get(i % 2);
      threads.add(new Thread(() -> CasCounter.increment(shared, key, 20)));
    }

    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    }

    assertThat(text(store().get(key).orElseThrow().data())).isEqualTo("120");
  }

  @Test
  void processesOnTheSameFolderShareLocks(@TempDir Path logs) throws Exception {
    String key = "counters/processes";
    store().createIfAbsent(key, bytes("0")).orElseThrow();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> children = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      children.add(
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  CasCounter.class.getName(),
                  root.toString(),
                  key,
                  "100")
              .redirectErrorStream(true)
              .redirectOutput(logs.resolve("child-" + i + ".log").toFile())
              .start());
    }

    try {
      CasCounter.increment(store(), key, 100);
      for (Process child : children) {
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue())
            .as(log(logs.resolve("child-" + children.indexOf(child) + ".log")))
            .isZero();
      }
    } finally {
      children.forEach(Process::destroyForcibly);
    }

    assertThat(text(store().get(key).orElseThrow().data())).isEqualTo("300");
  }

  private static String log(Path file) throws Exception {
    return "child process output:\n" + Files.readString(file);
  }
}
