package dev.floe.store;

import dev.floe.config.ConfigException;
import dev.floe.config.StorageConfig;
import java.net.URI;
import java.nio.file.Path;

/** Opens the object store a {@link StorageConfig} describes. */
public final class ObjectStores {
  private ObjectStores() {}

  public static ObjectStore open(StorageConfig config) {
    switch (config.type()) {
      case "local":
        if (config.path() == null || config.path().isBlank()) {
          throw new ConfigException("storage.path must name a folder for storage.type local");
        }
        return new LocalObjectStore(Path.of(config.path()).toAbsolutePath().normalize());
      case "s3":
        StorageConfig.S3 s3 = config.s3();
        if (s3.bucket() == null || s3.bucket().isBlank()) {
          throw new ConfigException("storage.s3.bucket is required for storage.type s3");
        }
        S3ObjectStore.Builder builder =
            S3ObjectStore.builder()
                .region(s3.region())
                .bucket(s3.bucket())
                .keyPrefix(s3.prefix())
                .pathStyleAccess(s3.pathStyle())
                .maxConnections(s3.maxConnections());
        if (s3.endpoint() != null && !s3.endpoint().isBlank()) {
          builder.endpoint(URI.create(s3.endpoint()));
        }
        if (s3.accessKey() != null && !s3.accessKey().isBlank()) {
          builder.credentials(s3.accessKey(), s3.secretKey());
        }
        return builder.build();
      default:
        throw new ConfigException("storage.type must be local or s3, got '" + config.type() + "'");
    }
  }
}
