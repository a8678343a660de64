package dev.floe.store;

import java.util.Collection;
import java.util.Optional;

/** Delegates to a real store; tests override single operations to count, slow down or break them. */
public class ForwardingStore implements ObjectStore {
  private final ObjectStore delegate;

  public ForwardingStore(ObjectStore delegate) {
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
