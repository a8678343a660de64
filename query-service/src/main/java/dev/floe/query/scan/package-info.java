/**
 * The read path's scan: one signal's rows from its Iceberg snapshot and the WAL above that
 * snapshot's watermarks, as one stream of column batches, or as one cursor per file for consumers that
 * read files side by side (a merge by the tables' sort order, as traces need).
 *
 * <p>{@link dev.floe.query.scan.SignalScanner} drives a scan: it takes one table metadata version,
 * has {@code ScanPlanner} list what to read (data files pruned by Iceberg, WAL segments above the
 * watermarks), and reads them with {@code ParquetFileScan}, which prunes row groups by statistics
 * and dictionaries ({@code RowGroupFilter}) and decodes only the requested columns into reusable
 * vectors ({@link dev.floe.query.scan.ColumnBatch}), each column when the consumer first reads it
 * ({@code RowGroupColumns}). Strings, map keys and values and integers are decoded from their pages
 * directly ({@code LeafPages}, {@code FlatLeaf}, {@code RepeatedValues}, levels and dictionary ids
 * by {@code HybridDecoder}), the rest with Parquet's column readers ({@code ColumnDecoder}); a column
 * that falls behind jumps over whole pages by the chunk's offset index ({@code ChunkPages}).
 * Iceberg's own Arrow reader is not used because it rejects map columns.
 */
package dev.floe.query.scan;
