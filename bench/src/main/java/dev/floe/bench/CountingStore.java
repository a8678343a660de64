package dev.floe.bench;

import dev.floe.store.ObjectInfo;
import dev.floe.store.ObjectListing;
import dev.floe.store.ObjectStore;
import dev.floe.store.StoredObject;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An object store that counts the requests made to it: each call is one request to S3 (a deletion
 * of many keys is one batch request), which is what an object store bills.
 */
final class CountingStore implements ObjectStore {
  private final ObjectStore delegate;
  private final AtomicLong requests = new AtomicLong();

  CountingStore(ObjectStore delegate) {
    this.delegate = delegate;
  }

  long requests() {
    return requests.get();
  }

  @Override
  public Optional<String> createIfAbsent(String key, byte[] data) {
    requests.incrementAndGet();
    return delegate.createIfAbsent(key, data);
  }

  @Override
  public Optional<String> replaceIfMatch(String key, byte[] data, String expectedEtag) {
    requests.incrementAndGet();
    return delegate.replaceIfMatch(key, data, expectedEtag);
  }

  @Override
  public Optional<StoredObject> get(String key) {
    requests.incrementAndGet();
    return delegate.get(key);
  }

  @Override
  public byte[] readRange(String key, long offset, int length) {
    requests.incrementAndGet();
    return delegate.readRange(key, offset, length);
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    requests.incrementAndGet();
    return delegate.head(key);
  }

  @Override
  public ObjectListing list(String prefix, String startAfter, int maxKeys) {
    requests.incrementAndGet();
    return delegate.list(prefix, startAfter, maxKeys);
  }

  @Override
  public void deleteAll(Collection<String> keys) {
    requests.incrementAndGet();
    delegate.deleteAll(keys);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
