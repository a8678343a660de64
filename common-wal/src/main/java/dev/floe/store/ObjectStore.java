package dev.floe.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A flat key space of immutable byte objects with the two atomic primitives the WAL protocol and the
 * leader lease are built on: create-if-absent and compare-and-swap replace.
 *
 * <p>Keys are '/'-separated relative paths without a leading slash. Listing is in ascending
 * lexicographic (UTF-8 byte) order of keys, as S3 lists. Implementations are thread-safe. Failures
 * of the store itself surface as {@link ObjectStoreException}.
 */
public interface ObjectStore extends AutoCloseable {

  /**
   * Writes {@code data} under {@code key} only if no object has that key.
   *
   * @return the new object's etag, or empty if the key already existed (nothing was written)
   */
  Optional<String> createIfAbsent(String key, byte[] data);

  /**
   * Replaces the object under {@code key} only if its current etag is {@code expectedEtag}.
   *
   * @return the new etag, or empty if the object is missing or has another etag (nothing was written)
   */
  Optional<String> replaceIfMatch(String key, byte[] data, String expectedEtag);

  /** The whole object with its etag, or empty if there is none. */
  Optional<StoredObject> get(String key);

  /**
   * Reads {@code length} bytes from {@code offset}, fewer if the object ends first.
   *
   * @throws ObjectNotFoundException if the object does not exist (for example it was deleted)
   */
  byte[] readRange(String key, long offset, int length);

  /** Size, etag and modification time, or empty if there is no such object. */
  Optional<ObjectInfo> head(String key);

  /**
   * One page of the keys that start with {@code prefix} and sort strictly after {@code startAfter}
   * (null or empty for the beginning), in ascending order.
   */
  ObjectListing list(String prefix, String startAfter, int maxKeys);

  /** Deletes the objects; keys that do not exist are ignored. */
  void deleteAll(Collection<String> keys);

  /** Every key under {@code prefix} after {@code startAfter}, fetching pages as needed. */
  default List<ObjectInfo> listAll(String prefix, String startAfter) {
    List<ObjectInfo> all = new ArrayList<>();
    String after = startAfter;
    while (true) {
      ObjectListing page = list(prefix, after, 1000);
      all.addAll(page.objects());
      if (!page.truncated() || page.objects().isEmpty()) {
        return all;
      }
      after = page.objects().get(page.objects().size() - 1).key();
    }
  }

  /** Releases connections and threads; the default does nothing. */
  @Override
  default void close() {}
}
