package dev.floe.maintain;

import dev.floe.store.ObjectInfo;
import dev.floe.store.ObjectListing;
import dev.floe.store.ObjectStore;
import dev.floe.store.ObjectStoreException;
import dev.floe.store.StoredObject;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** A real store that can be cut off, as a network partition or a frozen process would be. */
public final class PartitionableStore implements ObjectStore {
  private final ObjectStore delegate;
  private final AtomicBoolean cut = new AtomicBoolean();

  public PartitionableStore(ObjectStore delegate) {
    this.delegate = delegate;
  }

  public void cut() {
    cut.set(true);
  }

  private void check() {
    if (cut.get()) {
      throw new ObjectStoreException("simulated partition: store unreachable");
    }
  }

  @Override
  public Optional<String> createIfAbsent(String key, byte[] data) {
    check();
    return delegate.createIfAbsent(key, data);
  }

  @Override
  public Optional<String> replaceIfMatch(String key, byte[] data, String expectedEtag) {
    check();
    return delegate.replaceIfMatch(key, data, expectedEtag);
  }

  @Override
  public Optional<StoredObject> get(String key) {
    check();
    return delegate.get(key);
  }

  @Override
  public byte[] readRange(String key, long offset, int length) {
    check();
    return delegate.readRange(key, offset, length);
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    check();
    return delegate.head(key);
  }

  @Override
  public ObjectListing list(String prefix, String startAfter, int maxKeys) {
    check();
    return delegate.list(prefix, startAfter, maxKeys);
  }

  @Override
  public void deleteAll(Collection<String> keys) {
    check();
    delegate.deleteAll(keys);
  }
}
