package dev.floe.store;

/** An error answer S3 gives to a put: its HTTP status and S3 error code. */
public record S3Fault(int status, String code) {
  /** Too many requests on a prefix: retry later. */
  public static final S3Fault SLOW_DOWN = new S3Fault(503, "SlowDown");
  /** Another conditional write of the key was in progress: not applied, retry. */
  public static final S3Fault CONFLICT = new S3Fault(409, "ConditionalRequestConflict");
  /** A 503 that is not SlowDown: the write may or may not have been applied. */
  public static final S3Fault UNAVAILABLE = new S3Fault(503, "ServiceUnavailable");
}
