package dev.floe.store;

import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.S3Exceptions;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Makes S3Proxy apply conditional writes atomically, as S3 does, and counts the writes of every
 * key.
 *
 * <p>S3Proxy 4.1.0 checks {@code If-Match} in its HTTP handler, by reading the object's metadata,
 * and only then asks the backend to write: two writers holding the same etag both pass the check
 * and both succeed. (Its file-system backends do apply {@code If-None-Match: *} atomically, with a
 * hard link.) This wrapper runs every write and delete of a key under one lock and checks both
 * conditions again inside it, right before the backend writes. The handler's earlier check is then
 * harmless: it can only refuse on a state that really existed.
 */
final class AtomicConditionalBlobStore extends ForwardingBlobStore {
  private static final int STRIPES = 256;

  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
  private final Map<BlobId, AtomicInteger> writes = new ConcurrentHashMap<>();

  AtomicConditionalBlobStore(BlobStore delegate) {
    super(delegate);
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** How many writes of the key succeeded. */
  int writeCount(String bucket, String key) {
    AtomicInteger count = writes.get(new BlobId(bucket, key));
    return count == null ? 0 : count.get();
  }

  /** The keys of the bucket that were written more than once, sorted. */
  Set<String> keysWrittenMoreThanOnce(String bucket) {
    Set<String> keys = new TreeSet<>();
    writes.forEach(
        (blob, count) -> {
          if (blob.bucket().equals(bucket) && count.get() > 1) {
            keys.add(blob.key());
          }
        });
    return keys;
  }

  @Override
  public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
    String bucket = request.bucket();
    String key = request.key();
    return writeLocked(
        bucket,
        key,
        () -> {
          checkConditions(bucket, key, request.ifMatch(), request.ifNoneMatch());
          return super.putBlob(request, input);
        });
  }

  @Override
  public CompleteMultipartUploadResponse completeMultipartUpload(
      MultipartUpload upload, CompleteMultipartUploadRequest request) {
    String bucket = upload.containerName();
    String key = upload.blobName();
    return writeLocked(
        bucket,
        key,
        () -> {
          checkConditions(bucket, key, request.ifMatch(), request.ifNoneMatch());
          return super.completeMultipartUpload(upload, request);
        });
  }

  @Override
  public CopyObjectResponse copyBlob(CopyObjectRequest request) {
    return writeLocked(
        request.destinationBucket(), request.destinationKey(), () -> super.copyBlob(request));
  }

  @Override
  public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
    return locked(request.bucket(), request.key(), () -> super.removeBlob(request));
  }

  private void checkConditions(String bucket, String key, String ifMatch, String ifNoneMatch) {
    if (ifMatch == null && ifNoneMatch == null) {
      return;
    }
    HeadObjectResponse current = delegate().blobMetadataIfPresent(bucket, key);
    if (ifNoneMatch != null && current != null && matches(ifNoneMatch, current.eTag())) {
      throw S3Exceptions.fromStatusCode(412);
    }
    if (ifMatch != null) {
      if (current == null) {
        throw S3Exceptions.noSuchKey(bucket, key, "If-Match on a missing object");
      }
      if (!matches(ifMatch, current.eTag())) {
        throw S3Exceptions.fromStatusCode(412);
      }
    }
  }

  private static boolean matches(String condition, String etag) {
    return condition.equals("*")
        || S3ObjectStore.unquote(condition).equals(S3ObjectStore.unquote(etag));
  }

  private <T> T writeLocked(String bucket, String key, Supplier<T> write) {
    return locked(
        bucket,
        key,
        () -> {
          T result = write.get();
          writes
              .computeIfAbsent(new BlobId(bucket, key), blob -> new AtomicInteger())
              .incrementAndGet();
          return result;
        });
  }

  private <T> T locked(String bucket, String key, Supplier<T> action) {
    BlobId blob = new BlobId(bucket, key);
    ReentrantLock lock = locks[Math.floorMod(blob.hashCode(), STRIPES)];
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  private record BlobId(String bucket, String key) {}
}
