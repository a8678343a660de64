package dev.floe.bench;

/**
 * One load phase against a fresh ingest service on a fresh store.
 *
 * @param name how results are labelled
 * @param clients client threads
 * @param requestsPerSecond paced rate over all clients; 0 for a closed loop
 * @param warmupSeconds load before the measurement window
 * @param measureSeconds the measurement window
 * @param maxBufferedBytes the service's {@code limits.maxBufferedBytes}
 * @param refusalPauseMillis how long a client waits after a 429 or 503
 */
record Phase(
    String name,
    int clients,
    double requestsPerSecond,
    int warmupSeconds,
    int measureSeconds,
    long maxBufferedBytes,
    int refusalPauseMillis) {}
