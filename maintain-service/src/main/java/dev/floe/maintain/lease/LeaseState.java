package dev.floe.maintain.lease;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The content of the lease object.
 *
 * @param holder the instance id of the leader
 * @param expiresAtMillis wall-clock time (epoch milliseconds) after which anyone may take the lease
 * @param generation counts the hand-overs: it grows by one each time an instance acquires the lease
 */
record LeaseState(String holder, long expiresAtMillis, long generation) {
  /** Unknown fields are ignored so that an older instance still reads a newer instance's lease. */
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  boolean expiredAt(long nowMillis) {
    return nowMillis >= expiresAtMillis;
  }

  byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode the lease", e);
    }
  }

  /** @throws IOException if the bytes are not a lease */
  static LeaseState fromJson(byte[] json) throws IOException {
    LeaseState state = JSON.readValue(json, LeaseState.class);
    if (state.holder() == null) {
      throw new IOException("lease has no holder");
    }
    return state;
  }
}
