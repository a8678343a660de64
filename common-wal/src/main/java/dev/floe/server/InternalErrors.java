package dev.floe.server;

import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;

/**
 * What a client is told about a failure that is not its fault: a generic message with an incident
 * id, never the exception's text, which can name server files, hosts or stack frames. The details go
 * to the service's log under the same id.
 */
public final class InternalErrors {
  private InternalErrors() {}

  /**
   * Logs {@code cause} with a new incident id and returns the message to answer.
   *
   * @param log the logger of the component that failed
   * @param what what failed, for the answer and the log, e.g. "the write-ahead log is unavailable"
   */
  public static String report(Logger log, String what, Throwable cause) {
    String id = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffffL);
    log.warn("{} (incident {})", what, id, cause);
    return what + " (incident " + id + " in the server log)";
  }
}
