/**
 * Compaction: WAL segments above the committed watermark become sorted Iceberg data files, committed
 * together with the new watermark in one transaction that fails if the watermark moved.
 */
package dev.floe.maintain.compaction;
