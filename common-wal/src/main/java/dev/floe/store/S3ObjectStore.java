package dev.floe.store;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * An {@link ObjectStore} on an S3 bucket, or on an S3-compatible service such as MinIO, through the
 * AWS SDK v2.
 *
 * <p>Create-if-absent is a PutObject with {@code If-None-Match: *} and replace one with {@code
 * If-Match}; S3 answers 412 when the condition does not hold. The SDK does not retry these writes:
 * if a write landed but its response was lost, the retry would answer 412 and a success would be
 * reported as a conflict. They are retried here only on answers that say S3 did not apply them (409
 * for a concurrent conditional write, 503 SlowDown); any other failure is an {@link
 * ObjectStoreException}, whose outcome is unknown.
 *
 * <p>Keys are stored under an optional key prefix. Etags are given without the quotes S3 puts
 * around them, on every path, and accepted with or without them.
 */
public class S3ObjectStore implements ObjectStore {
  private static final int MAX_KEYS_PER_REQUEST = 1000;
  private static final int CONDITIONAL_WRITE_ATTEMPTS = 4;
  private static final long BACKOFF_MILLIS = 20;

  private final String bucket;
  private final String keyPrefix;
  private final SdkHttpClient httpClient;
  private final AwsCredentialsProvider credentials;

  /** Reads, listings and deletes: idempotent, so the SDK retries them. */
  private final S3Client client;

  /** Conditional writes: never retried by the SDK. */
  private final S3Client conditionalClient;

  private S3ObjectStore(Builder builder) {
    this.bucket = builder.bucket;
    this.keyPrefix = builder.keyPrefix;
    this.httpClient =
        Apache5HttpClient.builder()
            .maxConnections(builder.maxConnections)
            // S3Proxy mishandles Expect: 100-continue, and small objects gain nothing from it.
            .expectContinueEnabled(false)
            .build();
    this.credentials =
        builder.accessKey != null
            ? StaticCredentialsProvider.create(
                AwsBasicCredentials.create(builder.accessKey, builder.secretKey))
            : DefaultCredentialsProvider.builder().build();
    this.client = clientBuilder(builder).build();
    this.conditionalClient =
        clientBuilder(builder)
            .overrideConfiguration(
                override -> override.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public String bucket() {
    return bucket;
  }

  /** The prefix of every key in the bucket: empty, or ending with '/'. */
  public String keyPrefix() {
    return keyPrefix;
  }

  @Override
  public Optional<String> createIfAbsent(String key, byte[] data) {
    PutObjectRequest request =
        PutObjectRequest.builder()
            .bucket(bucket)
            .key(s3Key(key))
            .ifNoneMatch("*")
            .contentLength((long) data.length)
            .build();
    return conditionalPut("createIfAbsent", key, request, data);
  }

  @Override
  public Optional<String> replaceIfMatch(String key, byte[] data, String expectedEtag) {
    Objects.requireNonNull(expectedEtag, "expectedEtag");
    PutObjectRequest request =
        PutObjectRequest.builder()
            .bucket(bucket)
            .key(s3Key(key))
            .ifMatch('"' + unquote(expectedEtag) + '"')
            .contentLength((long) data.length)
            .build();
    return conditionalPut("replaceIfMatch", key, request, data);
  }

  @Override
  public Optional<StoredObject> get(String key) {
    String s3Key = s3Key(key);
    try {
      ResponseBytes<GetObjectResponse> object =
          client.getObjectAsBytes(request -> request.bucket(bucket).key(s3Key));
      return Optional.of(
          new StoredObject(object.asByteArrayUnsafe(), unquote(object.response().eTag())));
    } catch (S3Exception e) {
      if (isNoSuchKey(e)) {
        return Optional.empty();
      }
      throw failure("get", key, e);
    } catch (SdkException e) {
      throw failure("get", key, e);
    }
  }

  @Override
  public byte[] readRange(String key, long offset, int length) {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("Invalid range: offset " + offset + ", length " + length);
    }
    if (length == 0) {
      // An HTTP range cannot be empty; only the object's existence is left to check.
      head(key).orElseThrow(() -> new ObjectNotFoundException(key));
      return new byte[0];
    }
    String s3Key = s3Key(key);
    String range = "bytes=" + offset + "-" + (offset + length - 1);
    try {
      return client
          .getObjectAsBytes(request -> request.bucket(bucket).key(s3Key).range(range))
          .asByteArrayUnsafe();
    } catch (S3Exception e) {
      if (isNoSuchKey(e)) {
        throw new ObjectNotFoundException(key);
      }
      if (e.statusCode() == 416) {
        // The range starts at or past the end of the object.
        return new byte[0];
      }
      throw failure("readRange", key, e);
    } catch (SdkException e) {
      throw failure("readRange", key, e);
    }
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    String s3Key = s3Key(key);
    try {
      HeadObjectResponse head = client.headObject(request -> request.bucket(bucket).key(s3Key));
      return Optional.of(
          new ObjectInfo(key, head.contentLength(), unquote(head.eTag()), head.lastModified()));
    } catch (S3Exception e) {
      // A HEAD response has no body, so a 404 carries no error code to tell more.
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw failure("head", key, e);
    } catch (SdkException e) {
      throw failure("head", key, e);
    }
  }

  @Override
  public ObjectListing list(String prefix, String startAfter, int maxKeys) {
    String checked = ObjectKeys.checkPrefix(prefix);
    if (maxKeys <= 0) {
      throw new IllegalArgumentException("maxKeys must be positive: " + maxKeys);
    }
    ListObjectsV2Request.Builder request =
        ListObjectsV2Request.builder()
            .bucket(bucket)
            .maxKeys(Math.min(maxKeys, MAX_KEYS_PER_REQUEST));
    if (!(keyPrefix + checked).isEmpty()) {
      request.prefix(keyPrefix + checked);
    }
    if (startAfter != null && !startAfter.isEmpty()) {
      request.startAfter(keyPrefix + startAfter);
    }
    try {
      ListObjectsV2Response response = client.listObjectsV2(request.build());
      List<ObjectInfo> objects = response.contents().stream().map(this::toInfo).toList();
      return new ObjectListing(objects, Boolean.TRUE.equals(response.isTruncated()));
    } catch (SdkException e) {
      throw failure("list", checked, e);
    }
  }

  @Override
  public void deleteAll(Collection<String> keys) {
    // Maps every key first, so that an invalid one is rejected before anything is deleted.
    List<ObjectIdentifier> objects =
        keys.stream().map(key -> ObjectIdentifier.builder().key(s3Key(key)).build()).toList();
    for (int from = 0; from < objects.size(); from += MAX_KEYS_PER_REQUEST) {
      List<ObjectIdentifier> batch =
          objects.subList(from, Math.min(objects.size(), from + MAX_KEYS_PER_REQUEST));
      DeleteObjectsResponse response;
      try {
        response =
            client.deleteObjects(
                request ->
                    request.bucket(bucket).delete(delete -> delete.objects(batch).quiet(true)));
      } catch (SdkException e) {
        throw new ObjectStoreException(
            String.format(
                "S3 deleteAll failed for %d keys under s3://%s/%s: %s",
                batch.size(), bucket, keyPrefix, e.getMessage()),
            e);
      }
      if (response.hasErrors() && !response.errors().isEmpty()) {
        S3Error first = response.errors().get(0);
        throw new ObjectStoreException(
            String.format(
                "S3 deleteAll failed for %d of %d keys, first s3://%s/%s: %s %s",
                response.errors().size(),
                batch.size(),
                bucket,
                first.key(),
                first.code(),
                first.message()));
      }
    }
  }

  @Override
  public void close() {
    client.close();
    conditionalClient.close();
    // The SDK leaves resources it was handed to their owner.
    httpClient.close();
    if (credentials instanceof SdkAutoCloseable closeable) {
      closeable.close();
    }
  }

  @Override
  public String toString() {
    return "S3ObjectStore{s3://" + bucket + "/" + keyPrefix + "}";
  }

  private Optional<String> conditionalPut(
      String operation, String key, PutObjectRequest request, byte[] data) {
    for (int attempt = 1; ; attempt++) {
      try {
        return Optional.of(
            unquote(conditionalClient.putObject(request, RequestBody.fromBytes(data)).eTag()));
      } catch (S3Exception e) {
        // 404: If-Match on an object that does not exist.
        if (e.statusCode() == 412 || isNoSuchKey(e)) {
          return Optional.empty();
        }
        if (!wasNotApplied(e) || attempt == CONDITIONAL_WRITE_ATTEMPTS) {
          throw failure(operation, key, e);
        }
      } catch (SdkException e) {
        throw failure(operation, key, e);
      }
      backOff(operation, key, attempt);
    }
  }

  /** Whether S3 rejected a write before applying it, so that sending it again is safe. */
  private static boolean wasNotApplied(S3Exception e) {
    return e.statusCode() == 409 || (e.statusCode() == 503 && "SlowDown".equals(errorCode(e)));
  }

  private static void backOff(String operation, String key, int attempt) {
    long base = BACKOFF_MILLIS << attempt;
    try {
      Thread.sleep(base + ThreadLocalRandom.current().nextLong(base));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ObjectStoreException(operation + " interrupted for key '" + key + "'", e);
    }
  }

  private ObjectInfo toInfo(S3Object object) {
    return new ObjectInfo(
        object.key().substring(keyPrefix.length()),
        object.size(),
        unquote(object.eTag()),
        object.lastModified());
  }

  private String s3Key(String key) {
    return keyPrefix + ObjectKeys.checkKey(key);
  }

  private ObjectStoreException failure(String operation, String key, SdkException e) {
    return new ObjectStoreException(
        String.format(
            "S3 %s failed for s3://%s/%s%s: %s", operation, bucket, keyPrefix, key, e.getMessage()),
        e);
  }

  private static boolean isNoSuchKey(S3Exception e) {
    return e instanceof NoSuchKeyException
        || (e.statusCode() == 404 && "NoSuchKey".equals(errorCode(e)));
  }

  private static String errorCode(S3Exception e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }

  static String unquote(String etag) {
    if (etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
      return etag.substring(1, etag.length() - 1);
    }
    return etag;
  }

  private S3ClientBuilder clientBuilder(Builder builder) {
    S3ClientBuilder client =
        S3Client.builder()
            .region(Region.of(builder.region))
            .credentialsProvider(credentials)
            .httpClient(httpClient)
            .forcePathStyle(builder.pathStyleAccess);
    if (builder.endpoint != null) {
      client.endpointOverride(builder.endpoint);
    }
    return client;
  }

  /** Settings of an {@link S3ObjectStore}; only the bucket is required. */
  public static final class Builder {
    private URI endpoint;
    private String region = "us-east-1";
    private String bucket;
    private String keyPrefix = "";
    private boolean pathStyleAccess;
    private String accessKey;
    private String secretKey;
    private int maxConnections = 64;

    private Builder() {}

    /** The service's URI, for MinIO and other S3-compatible services; AWS's own when not set. */
    public Builder endpoint(URI newEndpoint) {
      this.endpoint = newEndpoint;
      return this;
    }

    /** The bucket's region; us-east-1 by default. */
    public Builder region(String newRegion) {
      this.region = Objects.requireNonNull(newRegion, "region");
      return this;
    }

    public Builder bucket(String newBucket) {
      this.bucket = newBucket;
      return this;
    }

    /**
     * A folder in the bucket under which every key lives, such as "floe/"; the bucket's root by
     * default.
     */
    public Builder keyPrefix(String newKeyPrefix) {
      String checked = ObjectKeys.checkPrefix(newKeyPrefix);
      this.keyPrefix = checked.isEmpty() || checked.endsWith("/") ? checked : checked + "/";
      return this;
    }

    /** Addresses the bucket in the path rather than the host name, as MinIO usually needs. */
    public Builder pathStyleAccess(boolean newPathStyleAccess) {
      this.pathStyleAccess = newPathStyleAccess;
      return this;
    }

    /** Static credentials; without them the SDK's default provider chain is used. */
    public Builder credentials(String newAccessKey, String newSecretKey) {
      this.accessKey = Objects.requireNonNull(newAccessKey, "accessKey");
      this.secretKey = Objects.requireNonNull(newSecretKey, "secretKey");
      return this;
    }

    /** The size of the HTTP connection pool; 64 by default. */
    public Builder maxConnections(int newMaxConnections) {
      if (newMaxConnections <= 0) {
        throw new IllegalArgumentException("maxConnections must be positive: " + newMaxConnections);
      }
      this.maxConnections = newMaxConnections;
      return this;
    }

    public S3ObjectStore build() {
      if (bucket == null || bucket.isEmpty()) {
        throw new IllegalArgumentException("An S3 object store needs a bucket");
      }
      return new S3ObjectStore(this);
    }
  }
}
