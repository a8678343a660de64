package dev.floe.store;

import java.net.URI;
import java.util.Set;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * An S3 endpoint for tests, in process: S3Proxy on 127.0.0.1 with an in-memory backend and one
 * bucket, checking AWS signatures against fixed test credentials.
 *
 * <p>Conditional writes are atomic, as on S3 (see {@link AtomicConditionalBlobStore}), and the
 * server counts successful writes per key, so that a test can assert that no key was written twice.
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final String DEFAULT_BUCKET = "floe-test";

  private static final String ACCESS_KEY = "floe-test-access-key";
  private static final String SECRET_KEY = "floe-test-secret-key";
  private static final long START_TIMEOUT_MILLIS = 10_000;
  private static final long STOP_TIMEOUT_MILLIS = 10_000;

  private final AtomicConditionalBlobStore blobStore;
  private final FaultInjectingBlobStore faults;
  private final S3Proxy proxy;
  private final URI endpoint;
  private final String bucket;

  private S3ProxyServer(
      AtomicConditionalBlobStore blobStore, FaultInjectingBlobStore faults, S3Proxy proxy, String bucket) {
    this.faults = faults;
    this.blobStore = blobStore;
    this.proxy = proxy;
    this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    this.bucket = bucket;
  }

  /** Starts a server with an empty bucket named {@value #DEFAULT_BUCKET}. */
  public static S3ProxyServer start() {
    return start(DEFAULT_BUCKET);
  }

  /** Starts a server with an empty bucket of the given name. */
  public static S3ProxyServer start(String bucket) {
    AtomicConditionalBlobStore blobStore =
        new AtomicConditionalBlobStore(new TransientNio2BlobStore());
    blobStore.createContainer(bucket);
    FaultInjectingBlobStore faults = new FaultInjectingBlobStore(blobStore);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(faults)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .stopTimeout(STOP_TIMEOUT_MILLIS)
            .build();
    try {
      proxy.start();
      awaitStarted(proxy);
    } catch (Exception e) {
      stopQuietly(proxy, e);
      throw new IllegalStateException("S3Proxy did not start", e);
    }
    return new S3ProxyServer(blobStore, faults, proxy, bucket);
  }

  public URI endpoint() {
    return endpoint;
  }

  public String bucket() {
    return bucket;
  }

  public String accessKey() {
    return ACCESS_KEY;
  }

  public String secretKey() {
    return SECRET_KEY;
  }

  /** Creates another empty bucket, for tests that need more than one. */
  public void createBucket(String name) {
    blobStore.createContainer(name);
  }

  /** A store on this server's bucket whose keys live under {@code keyPrefix} (may be empty). */
  public S3ObjectStore newStore(String keyPrefix) {
    return S3ObjectStore.builder()
        .endpoint(endpoint)
        .region("us-east-1")
        .bucket(bucket)
        .keyPrefix(keyPrefix)
        .pathStyleAccess(true)
        .credentials(ACCESS_KEY, SECRET_KEY)
        .maxConnections(32)
        .build();
  }

  /**
   * How many writes (puts, completed multipart uploads, copies) of a key of the bucket succeeded.
   * The key is the whole key in the bucket, including a store's key prefix.
   */
  public int putCount(String bucketKey) {
    return blobStore.writeCount(bucket, bucketKey);
  }

  /** Answers the next {@code times} puts with {@code fault} instead of writing them. */
  public void failNextPuts(S3Fault fault, int times) {
    faults.failNextPuts(fault, times);
  }

  /** Drops the faults not answered yet. */
  public void clearFaults() {
    faults.clearFaults();
  }

  /** Puts the server was asked for, including those answered with a fault. */
  public int putAttempts() {
    return faults.putAttempts();
  }

  /** The whole keys of the bucket that were written more than once, sorted. */
  public Set<String> keysWrittenMoreThanOnce() {
    return blobStore.keysWrittenMoreThanOnce(bucket);
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("S3Proxy did not stop", e);
    } finally {
      blobStore.close();
    }
  }

  private static void awaitStarted(S3Proxy proxy) throws InterruptedException {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(
            "S3Proxy is " + proxy.getState() + " after " + START_TIMEOUT_MILLIS + " ms");
      }
      Thread.sleep(10);
    }
  }

  private static void stopQuietly(S3Proxy proxy, Exception failure) {
    try {
      proxy.stop();
    } catch (Exception e) {
      failure.addSuppressed(e);
    }
  }
}
