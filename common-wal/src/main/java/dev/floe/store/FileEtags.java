package dev.floe.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Etags of local files: the first 128 bits of the content's SHA-256, in hex.
 *
 * <p>Heads and listings must not read whole objects, so the etag is also kept in a user-defined
 * extended attribute that is written on the temp file before it is published. A published file is
 * never modified in place (replacements are renames of new files), so the attribute cannot go
 * stale. Files without the attribute, because the file system lacks extended attributes or the file
 * was copied in without them, are hashed when asked.
 */
final class FileEtags {
  private static final String ATTRIBUTE = "floe.etag";
  private static final int ETAG_BYTES = 16;
  private static final int ETAG_CHARS = 2 * ETAG_BYTES;
  private static final HexFormat HEX = HexFormat.of();

  private final boolean attributesSupported;

  FileEtags(Path root) throws IOException {
    this.attributesSupported =
        Files.getFileStore(root).supportsFileAttributeView(UserDefinedFileAttributeView.class);
  }

  static String of(byte[] data) {
    return toEtag(sha256().digest(data));
  }

  /** Records the etag of {@code file}'s content where the file system allows it. */
  void store(Path file, String etag) {
    UserDefinedFileAttributeView view = view(file);
    if (view == null) {
      return;
    }
    try {
      view.write(ATTRIBUTE, StandardCharsets.US_ASCII.encode(etag));
    } catch (IOException e) {
      // Only a shortcut is lost: without the attribute, read() hashes the content.
    }
  }

  /** The etag of {@code file}, from its attribute if it has a valid one, else from its content. */
  String read(Path file) throws IOException {
    String stored = storedEtag(file);
    return stored != null ? stored : hash(file);
  }

  private String storedEtag(Path file) throws IOException {
    UserDefinedFileAttributeView view = view(file);
    if (view == null || !view.list().contains(ATTRIBUTE)) {
      return null;
    }
    ByteBuffer buffer = ByteBuffer.allocate(ETAG_CHARS + 1);
    int length = view.read(ATTRIBUTE, buffer);
    if (length != ETAG_CHARS) {
      return null;
    }
    buffer.flip();
    String etag = StandardCharsets.US_ASCII.decode(buffer).toString();
    return isHex(etag) ? etag : null;
  }

  private UserDefinedFileAttributeView view(Path file) {
    return attributesSupported
        ? Files.getFileAttributeView(file, UserDefinedFileAttributeView.class)
        : null;
  }

  private static String hash(Path file) throws IOException {
    MessageDigest digest = sha256();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        digest.update(buffer, 0, read);
      }
    }
    return toEtag(digest.digest());
  }

  private static boolean isHex(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (Character.digit(value.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static String toEtag(byte[] sha256) {
    return HEX.formatHex(sha256, 0, ETAG_BYTES);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required on every Java platform", e);
    }
  }
}
