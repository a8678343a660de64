package dev.floe.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion per key among all writers of one local folder: the threads of this JVM and other
 * processes. Keys are striped over a fixed set of lock files, so unrelated keys may share a lock;
 * that only costs a little waiting.
 */
final class KeyLocks {
  private static final int STRIPES = 64;

  /**
   * File locks belong to the whole process: a second thread locking the same file would fail
   * instead of waiting. So each stripe also has a JVM-wide lock, shared by every store instance,
   * that a thread takes before the file lock.
   */
  private static final ReentrantLock[] JVM_LOCKS = newLocks();

  private final Path lockDir;

  KeyLocks(Path lockDir) throws IOException {
    this.lockDir = Files.createDirectories(lockDir);
  }

  /** A piece of file system work run while a key is locked. */
  @FunctionalInterface
  interface LockedAction<T> {
    T run() throws IOException;
  }

  <T> T withLock(String key, LockedAction<T> action) throws IOException {
    int stripe = Math.floorMod(key.hashCode(), STRIPES);
    ReentrantLock jvmLock = JVM_LOCKS[stripe];
    jvmLock.lock();
    try (FileChannel channel =
        FileChannel.open(lockFile(stripe), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      // Closing the channel releases the lock.
      channel.lock();
      return action.run();
    } finally {
      jvmLock.unlock();
    }
  }

  private Path lockFile(int stripe) {
    return lockDir.resolve(String.format("%02d.lock", stripe));
  }

  private static ReentrantLock[] newLocks() {
    ReentrantLock[] locks = new ReentrantLock[STRIPES];
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
    return locks;
  }
}
