package dev.floe.query.scan;

/**
 * What one scan read, for metrics and for tests that check pruning.
 *
 * @param dataFiles Iceberg data files opened
 * @param segments WAL segments opened
 * @param rowGroupsRead row groups decoded
 * @param rowGroupsSkipped row groups pruned by statistics or dictionaries
 * @param rows rows delivered
 * @param replans how often the scan started over from a newer table version
 */
public record ScanStats(int dataFiles, int segments, int rowGroupsRead, int rowGroupsSkipped, long rows, int replans) {}
