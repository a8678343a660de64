package dev.floe.logql.engine;

/**
 * What a query cost, for Loki's {@code data.stats.summary}: lines and bytes read from the source (bytes of
 * lines plus structured metadata, as Loki counts them), lines left after the pipeline, entries returned.
 */
public record QueryStats(
    long totalLinesProcessed,
    long totalBytesProcessed,
    long totalStructuredMetadataBytesProcessed,
    long totalPostFilterLines,
    long totalEntriesReturned,
    long execTimeNanos) {}
