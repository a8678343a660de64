package dev.floe.bench;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import java.util.SplittableRandom;

/**
 * Application log lines of a few kinds (HTTP access, payments, slow queries, cache, Kafka, retries,
 * sign-ins): bodies of about 200 bytes filled with varying numbers and ids, and five attributes
 * each, three strings and two integers.
 */
final class LogLines {
  private static final String[] PROCESSORS = {"adyen", "stripe", "worldpay"};
  private static final String[] TOPICS = {"orders", "payments.events", "inventory.changes", "audit"};
  private static final String[] PEERS = {"pricing-service", "inventory-service", "fraud-check", "ledger"};
  private static final String[] AUTH = {"password", "oidc", "saml", "webauthn"};
  private static final String[] ROUTES = {"/api/v1/orders/{id}", "/api/v1/cart/{id}", "/api/v1/products/{id}"};
  private static final int KINDS = 7;

  private final SplittableRandom random;

  LogLines(SplittableRandom random) {
    this.random = random;
  }

  /** Fills the body, severity and attributes of one record with a line of a random kind. */
  void fill(LogRecord.Builder record) {
    switch (random.nextInt(KINDS)) {
      case 0 -> access(record);
      case 1 -> payment(record);
      case 2 -> slowQuery(record);
      case 3 -> cache(record);
      case 4 -> kafka(record);
      case 5 -> retry(record);
      default -> signIn(record);
    }
  }

  private void access(LogRecord.Builder r) {
    int status = random.nextInt(20) == 0 ? 503 : 200;
    int route = random.nextInt(ROUTES.length);
    long id = random.nextLong(1_000_000, 9_999_999);
    int millis = random.nextInt(1, 900);
    String path = ROUTES[route].replace("{id}", Long.toString(id));
    body(r, "GET " + path + " HTTP/1.1 " + status + " " + random.nextInt(200, 90_000) + " bytes in " + millis
        + " ms client=" + ip() + " ua=\"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/124.0."
        + random.nextInt(1000, 9999) + "\" referer=/shop/c/" + random.nextInt(1, 500) + " request_id=" + hex(16));
    severity(r, status >= 500 ? SeverityNumber.SEVERITY_NUMBER_ERROR : SeverityNumber.SEVERITY_NUMBER_INFO);
    attributes(r, "http.request.method", "GET", "http.route", ROUTES[route], "client.address", ip(),
        "http.response.status_code", status, "http.server.duration_ms", millis);
  }

  private void payment(LogRecord.Builder r) {
    boolean declined = random.nextInt(10) == 0;
    String processor = PROCESSORS[random.nextInt(PROCESSORS.length)];
    String order = "ord-" + hex(10);
    int cents = random.nextInt(100, 250_000);
    int attempt = random.nextInt(1, 4);
    body(r, "Payment " + (declined ? "declined" : "authorized") + " for order " + order + ": amount="
        + cents / 100 + "." + cents % 100 + " EUR, card=****" + random.nextInt(1000, 9999) + ", processor="
        + processor + ", attempt=" + attempt + ", latency=" + random.nextInt(40, 2000) + "ms, 3ds=" + random.nextBoolean()
        + ", merchant_ref=M" + random.nextInt(100_000, 999_999) + ", idempotency_key=" + hex(24));
    severity(r, declined ? SeverityNumber.SEVERITY_NUMBER_WARN : SeverityNumber.SEVERITY_NUMBER_INFO);
    attributes(r, "payment.processor", processor, "order.id", order, "currency", "EUR",
        "payment.attempt", attempt, "payment.amount_cents", cents);
  }

  private void slowQuery(LogRecord.Builder r) {
    int millis = random.nextInt(250, 9000);
    int rows = random.nextInt(0, 5000);
    body(r, "Slow query took " + millis + " ms (threshold 250 ms): SELECT id, sku, quantity FROM stock WHERE"
        + " warehouse_id = " + random.nextInt(1, 64) + " AND sku = 'SKU-" + random.nextInt(100_000, 999_999)
        + "' FOR UPDATE; rows=" + rows + " pool=primary conn=" + random.nextInt(1, 50) + " txn=" + hex(12)
        + " caller=StockReservation.reserve");
    severity(r, SeverityNumber.SEVERITY_NUMBER_WARN);
    attributes(r, "db.system", "postgresql", "db.operation.name", "SELECT", "db.collection.name", "stock",
        "db.duration_ms", millis, "db.rows", rows);
  }

  private void cache(LogRecord.Builder r) {
    long product = random.nextLong(10_000, 99_999_999);
    int millis = random.nextInt(1, 400);
    int size = random.nextInt(100, 64_000);
    String peer = PEERS[random.nextInt(PEERS.length)];
    body(r, "Cache miss for key product:" + product + ":price:EUR, loaded from " + peer + " in " + millis
        + " ms; ttl=" + random.nextInt(30, 3600) + "s size=" + size + " bytes evictions_last_minute="
        + random.nextInt(0, 500) + " hit_ratio=0." + random.nextInt(10, 99) + " region=eu-west-" + random.nextInt(1, 4)
        + " shard=" + random.nextInt(0, 16) + " trace=" + hex(16));
    severity(r, SeverityNumber.SEVERITY_NUMBER_DEBUG);
    attributes(r, "cache.name", "prices", "cache.key", "product:" + product, "peer.service", peer,
        "cache.load_ms", millis, "cache.entry_bytes", size);
  }

  private void kafka(LogRecord.Builder r) {
    String topic = TOPICS[random.nextInt(TOPICS.length)];
    int partition = random.nextInt(0, 24);
    int count = random.nextInt(0, 500);
    body(r, "Committed offsets for group " + topic + "-consumer on topic " + topic + " partition " + partition
        + ": offset=" + random.nextLong(1_000_000, 900_000_000) + " lag=" + random.nextInt(0, 20_000)
        + ", poll returned " + count + " records in " + random.nextInt(1, 500) + " ms, generation="
        + random.nextInt(1, 300) + ", member=consumer-" + random.nextInt(1, 12) + "-" + hex(12));
    severity(r, SeverityNumber.SEVERITY_NUMBER_INFO);
    attributes(r, "messaging.system", "kafka", "messaging.destination.name", topic,
        "messaging.consumer.group.name", topic + "-consumer", "messaging.destination.partition.id", partition,
        "messaging.batch.message_count", count);
  }

  private void retry(LogRecord.Builder r) {
    String peer = PEERS[random.nextInt(PEERS.length)];
    int attempt = random.nextInt(1, 6);
    int backoff = 100 << Math.min(attempt, 5);
    body(r, "Retrying call to " + peer + " (attempt " + attempt + " of 5, backoff " + backoff
        + " ms): java.net.SocketTimeoutException: Read timed out after " + random.nextInt(1000, 30_000)
        + " ms at io.netty.handler.timeout.ReadTimeoutHandler request_id=" + hex(16));
    severity(r, attempt >= 4 ? SeverityNumber.SEVERITY_NUMBER_ERROR : SeverityNumber.SEVERITY_NUMBER_WARN);
    attributes(r, "exception.type", "java.net.SocketTimeoutException", "peer.service", peer,
        "thread.name", "http-nio-8080-exec-" + random.nextInt(1, 200), "retry.attempt", attempt,
        "retry.backoff_ms", backoff);
  }

  private void signIn(LogRecord.Builder r) {
    String user = "u-" + hex(8);
    String method = AUTH[random.nextInt(AUTH.length)];
    int risk = random.nextInt(0, 100);
    body(r, "User " + user + " signed in via " + method + " from " + ip() + ", session=" + hex(16) + ", mfa="
        + (random.nextBoolean() ? "totp" : "none") + ", previous_login=" + random.nextInt(1, 2_000_000)
        + " seconds ago, risk_score=" + risk + " tenant=acme-" + random.nextInt(1, 40) + " device=" + hex(12)
        + " locale=de-DE");
    severity(r, risk > 90 ? SeverityNumber.SEVERITY_NUMBER_WARN : SeverityNumber.SEVERITY_NUMBER_INFO);
    attributes(r, "user.id", user, "auth.method", method, "session.id", hex(16), "risk.score", risk,
        "login.age_s", random.nextInt(1, 2_000_000));
  }

  private static void body(LogRecord.Builder r, String text) {
    r.setBody(AnyValue.newBuilder().setStringValue(text));
  }

  private static void severity(LogRecord.Builder r, SeverityNumber severity) {
    r.setSeverityNumber(severity);
    r.setSeverityText(severity.name().substring("SEVERITY_NUMBER_".length()));
  }

  private static void attributes(
      LogRecord.Builder r, String k1, String v1, String k2, String v2, String k3, String v3, String k4, long v4,
      String k5, long v5) {
    r.addAttributes(text(k1, v1)).addAttributes(text(k2, v2)).addAttributes(text(k3, v3));
    r.addAttributes(integer(k4, v4)).addAttributes(integer(k5, v5));
  }

  static KeyValue text(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  private static KeyValue integer(String key, long value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
  }

  private String ip() {
    return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
  }

  /** {@code digits} random hexadecimal digits. */
  String hex(int digits) {
    StringBuilder text = new StringBuilder(digits);
    for (int i = 0; i < digits; i++) {
      text.append(Character.forDigit(random.nextInt(16), 16));
    }
    return text.toString();
  }
}
