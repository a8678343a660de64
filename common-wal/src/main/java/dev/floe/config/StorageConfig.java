package dev.floe.config;

/**
 * Where the WAL (and, for the embedded catalog, the warehouse) lives.
 *
 * @param type {@code local} (a folder) or {@code s3} (S3 or any S3-compatible store such as MinIO)
 * @param path the folder, for {@code local}
 * @param s3 the bucket settings, for {@code s3}
 */
public record StorageConfig(String type, String path, S3 s3) {

  public static StorageConfig local(String path) {
    return new StorageConfig("local", path, S3.defaults());
  }

  /**
   * @param endpoint endpoint override such as {@code http://minio:9000}; empty for AWS
   * @param region signing region
   * @param bucket bucket name
   * @param prefix key prefix inside the bucket, e.g. {@code floe/}; empty for the bucket root
   * @param pathStyle path-style addressing, which MinIO and most self-hosted stores need
   * @param accessKey access key; empty to use the AWS default credentials chain
   * @param secretKey secret key matching {@code accessKey}
   * @param maxConnections HTTP connection pool size
   */
  public record S3(
      String endpoint,
      String region,
      String bucket,
      String prefix,
      boolean pathStyle,
      String accessKey,
      String secretKey,
      int maxConnections) {
    public static S3 defaults() {
      return new S3("", "us-east-1", "", "", false, "", "", 64);
    }
  }
}
