package dev.floe.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Increments a decimal counter object with compare-and-swap, retrying on conflicts as a lease
 * holder would. Its {@code main} runs it in another process, on a local store, for tests of
 * processes that share a folder.
 */
public final class CasCounter {
  private CasCounter() {}

  /** Arguments: the local store's root folder, the counter's key, the number of increments. */
  public static void main(String[] args) {
    try (LocalObjectStore store = new LocalObjectStore(Path.of(args[0]))) {
      increment(store, args[1], Integer.parseInt(args[2]));
    }
  }

  static void increment(ObjectStore store, String key, int times) {
    for (int i = 0; i < times; i++) {
      while (true) {
        StoredObject current = store.get(key).orElseThrow();
        int next = Integer.parseInt(new String(current.data(), StandardCharsets.UTF_8)) + 1;
        byte[] data = Integer.toString(next).getBytes(StandardCharsets.UTF_8);
        if (store.replaceIfMatch(key, data, current.etag()).isPresent()) {
          break;
        }
      }
    }
  }
}
