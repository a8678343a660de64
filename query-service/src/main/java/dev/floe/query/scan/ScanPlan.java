package dev.floe.query.scan;

import dev.floe.wal.WalSegment;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.TableMetadata;

/**
 * What one scan reads, from one table metadata version: the data files of its snapshot that may
 * hold wanted rows, and the WAL segments above its watermarks. The two are disjoint because the
 * watermark moves in the same commit as the data it covers.
 *
 * @param walGap a shard's first listed segment is not the one right above the watermark: offsets
 *     are contiguous, so the missing ones were compacted and cleaned up after this version
 */
record ScanPlan(TableMetadata metadata, List<DataFile> dataFiles, List<WalSegment> segments, boolean walGap) {}
