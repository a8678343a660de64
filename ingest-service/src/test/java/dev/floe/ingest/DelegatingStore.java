package dev.floe.ingest;

import dev.floe.store.ObjectInfo;
import dev.floe.store.ObjectListing;
import dev.floe.store.ObjectStore;
import dev.floe.store.StoredObject;
import java.util.Collection;
import java.util.Optional;

/** A real store passed through; subclasses slow down or break single operations to test the service's reaction. */
class DelegatingStore implements ObjectStore {
  private final ObjectStore delegate;

  DelegatingStore(ObjectStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public Optional<String> createIfAbsent(String key, byte[] data) {
    return delegate.createIfAbsent(key, data);
  }

  @Override
  public Optional<String> replaceIfMatch(String key, byte[] data, String expectedEtag) {
    return delegate.replaceIfMatch(key, data, expectedEtag);
  }

  @Override
  public Optional<StoredObject> get(String key) {
    return delegate.get(key);
  }

  @Override
  public byte[] readRange(String key, long offset, int length) {
    return delegate.readRange(key, offset, length);
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    return delegate.head(key);
  }

  @Override
  public ObjectListing list(String prefix, String startAfter, int maxKeys) {
    return delegate.list(prefix, startAfter, maxKeys);
  }

  @Override
  public void deleteAll(Collection<String> keys) {
    delegate.deleteAll(keys);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
