package dev.floe.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Answers the next puts with queued S3 errors instead of writing, as S3 does under load (503
 * {@code SlowDown}) or when conditional writes of one key race (409 {@code
 * ConditionalRequestConflict}); counts every put it is asked for.
 */
final class FaultInjectingBlobStore extends ForwardingBlobStore {
  private final Queue<S3Fault> faults = new ConcurrentLinkedQueue<>();
  private final AtomicInteger puts = new AtomicInteger();

  FaultInjectingBlobStore(BlobStore delegate) {
    super(delegate);
  }

  void failNextPuts(S3Fault fault, int times) {
    for (int i = 0; i < times; i++) {
      faults.add(fault);
    }
  }

  void clearFaults() {
    faults.clear();
  }

  /** Puts asked for, failed or not. */
  int putAttempts() {
    return puts.get();
  }

  @Override
  public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
    puts.incrementAndGet();
    S3Fault fault = faults.poll();
    if (fault != null) {
      // Read the body first, as S3 does: an answer before it would break the client's connection.
      drain(input);
      throw (S3Exception)
          S3Exception.builder()
              .statusCode(fault.status())
              .message(fault.code())
              .awsErrorDetails(
                  AwsErrorDetails.builder()
                      .errorCode(fault.code())
                      .errorMessage("injected " + fault.code() + " for " + request.key())
                      .build())
              .build();
    }
    return super.putBlob(request, input);
  }

  private static void drain(InputStream input) {
    try {
      input.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
