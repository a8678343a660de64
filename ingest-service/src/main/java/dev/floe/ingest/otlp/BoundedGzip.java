package dev.floe.ingest.otlp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/** Gunzips a request body without ever holding more than a limit: a gzip bomb costs nothing. */
public final class BoundedGzip {
  private BoundedGzip() {}

  /** @throws IngestException INVALID for bad gzip, TOO_LARGE beyond {@code limit} */
  public static byte[] decompress(byte[] compressed, long limit) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), 8192)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(compressed.length * 4, (int) Math.min(limit, 1 << 24)));
      byte[] buffer = new byte[16384];
      long total = 0;
      int read;
      while ((read = in.read(buffer)) > 0) {
        total += read;
        if (total > limit) {
          throw new IngestException(
              IngestException.Kind.TOO_LARGE,
              "decompressed request body exceeds the limit of " + limit + " bytes");
        }
        out.write(buffer, 0, read);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new IngestException(IngestException.Kind.INVALID, "request body is not valid gzip: " + e.getMessage(), e);
    }
  }
}
