package dev.floe.bench;

import dev.floe.store.LocalObjectStore;
import dev.floe.store.ObjectStore;
import java.nio.file.Path;

/** Where a benchmark phase's WAL goes. */
interface StoreFactory {
  /** A local folder, as {@code storage.type: local}. */
  StoreFactory LOCAL =
      new StoreFactory() {
        @Override
        public String name() {
          return "local";
        }

        @Override
        public ObjectStore open(Path dir) {
          return new LocalObjectStore(dir);
        }
      };

  /** How results name the store. */
  String name();

  /**
   * A fresh, empty store for one phase; closing it releases everything it started.
   *
   * @param dir an empty temporary folder the phase deletes afterwards
   */
  ObjectStore open(Path dir);
}
