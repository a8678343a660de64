package dev.floe.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An {@link ObjectStore} in a local directory: each object is a file at its key's path under the
 * root.
 *
 * <p>Writes go to a synced temp file first. Create-if-absent publishes it with a hard link, which
 * fails if the name is taken; replace compares the etag and renames over the old file while holding
 * the key's lock, which several processes sharing the folder respect. Etags are content hashes,
 * also kept in an extended attribute of the file so that heads and listings need not read it.
 *
 * <p>The top-level name {@value #RESERVED} holds temp and lock files and is not a valid first key
 * segment. As on any file system, a key cannot also be a directory of other keys: "a" and "a/b"
 * cannot both exist.
 */
public class LocalObjectStore implements ObjectStore {
  static final String RESERVED = ".floe-store";

  private final Path root;
  private final Path tempDir;
  private final KeyLocks locks;
  private final FileEtags etags;

  public LocalObjectStore(Path root) {
    try {
      this.root = Files.createDirectories(root).toAbsolutePath().normalize();
      this.tempDir = Files.createDirectories(this.root.resolve(RESERVED).resolve("tmp"));
      this.locks = new KeyLocks(this.root.resolve(RESERVED).resolve("locks"));
      this.etags = new FileEtags(this.root);
    } catch (IOException e) {
      throw new ObjectStoreException("Cannot open the local object store at " + root + ": " + e, e);
    }
  }

  public Path root() {
    return root;
  }

  @Override
  public Optional<String> createIfAbsent(String key, byte[] data) {
    Path target = pathOf(key);
    if (Files.isRegularFile(target)) {
      // An early answer that spares the loser a synced write; the link below is what decides.
      return Optional.empty();
    }
    String etag = FileEtags.of(data);
    Path temp = null;
    try {
      temp = writeTemp(data, etag);
      createParentDirectories(target);
      try {
        Files.createLink(target, temp);
      } catch (FileAlreadyExistsException e) {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          throw new ObjectStoreException(
              "createIfAbsent failed: key '" + key + "' is a directory of other keys");
        }
        return Optional.empty();
      }
      syncDirectory(target.getParent());
      return Optional.of(etag);
    } catch (IOException e) {
      throw failure("createIfAbsent", key, e);
    } finally {
      deleteTemp(temp);
    }
  }

  @Override
  public Optional<String> replaceIfMatch(String key, byte[] data, String expectedEtag) {
    Objects.requireNonNull(expectedEtag, "expectedEtag");
    Path target = pathOf(key);
    Path temp = null;
    try {
      if (!expectedEtag.equals(currentEtag(target))) {
        // Also checked under the lock below; this only spares a stale writer the synced write.
        return Optional.empty();
      }
      String etag = FileEtags.of(data);
      temp = writeTemp(data, etag);
      if (!moveIfMatch(key, temp, target, expectedEtag)) {
        return Optional.empty();
      }
      syncDirectory(target.getParent());
      return Optional.of(etag);
    } catch (IOException e) {
      throw failure("replaceIfMatch", key, e);
    } finally {
      deleteTemp(temp);
    }
  }

  @Override
  public Optional<StoredObject> get(String key) {
    Path path = pathOf(key);
    try {
      byte[] data = Files.readAllBytes(path);
      // Hashing the bytes read, rather than reading the stored etag, cannot pair them with the etag
      // of a replacement that lands in between.
      return Optional.of(new StoredObject(data, FileEtags.of(data)));
    } catch (IOException e) {
      if (isMissing(path, e)) {
        return Optional.empty();
      }
      throw failure("get", key, e);
    }
  }

  @Override
  public byte[] readRange(String key, long offset, int length) {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("Invalid range: offset " + offset + ", length " + length);
    }
    Path path = pathOf(key);
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = channel.size();
      if (offset >= size) {
        return new byte[0];
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(length, size - offset));
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, offset + buffer.position()) < 0) {
          break;
        }
      }
      return buffer.hasRemaining()
          ? Arrays.copyOf(buffer.array(), buffer.position())
          : buffer.array();
    } catch (IOException e) {
      if (isMissing(path, e)) {
        throw new ObjectNotFoundException(key);
      }
      throw failure("readRange", key, e);
    }
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    try {
      return info(key, pathOf(key));
    } catch (IOException e) {
      throw failure("head", key, e);
    }
  }

  @Override
  public ObjectListing list(String prefix, String startAfter, int maxKeys) {
    String checked = ObjectKeys.checkPrefix(prefix);
    if (maxKeys <= 0) {
      throw new IllegalArgumentException("maxKeys must be positive: " + maxKeys);
    }
    if (checked.startsWith(RESERVED + "/")) {
      return new ObjectListing(List.of(), false);
    }
    String after = startAfter == null ? "" : startAfter;
    // Keys are paths, so only the directory the prefix names needs walking.
    int slash = checked.lastIndexOf('/');
    String dirKey = checked.substring(0, slash + 1);
    String namePrefix = checked.substring(slash + 1);
    List<String> keys = new ArrayList<>();
    try {
      collectKeys(root.resolve(dirKey), dirKey, namePrefix, after, keys);
      keys.sort(ObjectKeys.ORDER);
      List<ObjectInfo> page = new ArrayList<>();
      int next = 0;
      while (next < keys.size() && page.size() < maxKeys) {
        String key = keys.get(next++);
        // A key deleted since the walk is left out.
        info(key, root.resolve(key)).ifPresent(page::add);
      }
      return new ObjectListing(page, next < keys.size());
    } catch (IOException e) {
      throw failure("list", checked, e);
    }
  }

  @Override
  public void deleteAll(Collection<String> keys) {
    // Rejects an invalid key before anything is deleted.
    keys.forEach(this::pathOf);
    for (String key : keys) {
      Path path = root.resolve(key);
      try {
        // Locked so that a replace that already compared the etag cannot bring the object back.
        locks.withLock(
            key,
            () -> {
              if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(path);
              }
              return null;
            });
      } catch (IOException e) {
        throw failure("deleteAll", key, e);
      }
    }
  }

  @Override
  public String toString() {
    return "LocalObjectStore{" + root + "}";
  }

  private Path pathOf(String key) {
    ObjectKeys.checkKey(key);
    if (key.equals(RESERVED) || key.startsWith(RESERVED + "/")) {
      throw new IllegalArgumentException(
          "Invalid object key '" + key + "': " + RESERVED + " is reserved");
    }
    return root.resolve(key);
  }

  private void collectKeys(
      Path dir, String dirKey, String namePrefix, String after, List<String> keys)
      throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!name.startsWith(namePrefix) || (dirKey.isEmpty() && name.equals(RESERVED))) {
          continue;
        }
        String key = dirKey + name;
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
          // Listing is recursive, as on S3, but skips subtrees that sort before startAfter.
          String subtree = key + "/";
          if (!ObjectKeys.allAtOrBefore(subtree, after)) {
            collectKeys(entry, subtree, "", after, keys);
          }
        } else if (ObjectKeys.compare(key, after) > 0 && Files.isRegularFile(entry)) {
          keys.add(key);
        }
      }
    } catch (IOException e) {
      if (Files.isDirectory(dir)) {
        throw e;
      }
      // Nothing is stored under a directory that does not exist.
    }
  }

  /** Size, time and etag of one version of the file, retried if a replace swaps it in between. */
  private Optional<ObjectInfo> info(String key, Path path) throws IOException {
    try {
      while (true) {
        BasicFileAttributes before = Files.readAttributes(path, BasicFileAttributes.class);
        if (!before.isRegularFile()) {
          return Optional.empty();
        }
        String etag = etags.read(path);
        BasicFileAttributes after = Files.readAttributes(path, BasicFileAttributes.class);
        if (sameVersion(before, after)) {
          Instant modified = before.lastModifiedTime().toInstant();
          return Optional.of(new ObjectInfo(key, before.size(), etag, modified));
        }
      }
    } catch (IOException e) {
      if (isMissing(path, e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private String currentEtag(Path path) throws IOException {
    try {
      return Files.isRegularFile(path) ? etags.read(path) : null;
    } catch (IOException e) {
      if (isMissing(path, e)) {
        return null;
      }
      throw e;
    }
  }

  private boolean moveIfMatch(String key, Path temp, Path target, String expectedEtag)
      throws IOException {
    return locks.withLock(
        key,
        () -> {
          if (!expectedEtag.equals(currentEtag(target))) {
            return false;
          }
          Files.move(
              temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          return true;
        });
  }

  private Path writeTemp(byte[] data, String etag) throws IOException {
    Path temp = tempDir.resolve(UUID.randomUUID() + ".tmp");
    try (FileChannel channel =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(data);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      // Before the sync, so that the attribute is as durable as the content.
      etags.store(temp, etag);
      channel.force(true);
    }
    return temp;
  }

  /** Creates missing parent directories and syncs the directories that gained an entry. */
  private void createParentDirectories(Path target) throws IOException {
    Path parent = target.getParent();
    if (Files.isDirectory(parent)) {
      return;
    }
    Files.createDirectories(parent);
    for (Path dir = parent; !dir.equals(root); dir = dir.getParent()) {
      syncDirectory(dir.getParent());
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open or sync a directory; the link or rename still
      // happened.
    }
  }

  private static void deleteTemp(Path temp) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // A leftover temp file wastes space but is never read.
    }
  }

  private static boolean sameVersion(BasicFileAttributes before, BasicFileAttributes after) {
    return Objects.equals(before.fileKey(), after.fileKey())
        && before.size() == after.size()
        && before.lastModifiedTime().equals(after.lastModifiedTime());
  }

  private static boolean isMissing(Path path, IOException e) {
    return e instanceof NoSuchFileException || !Files.isRegularFile(path);
  }

  private ObjectStoreException failure(String operation, String key, IOException e) {
    return new ObjectStoreException(
        operation + " failed for key '" + key + "' in " + root + ": " + e, e);
  }
}
