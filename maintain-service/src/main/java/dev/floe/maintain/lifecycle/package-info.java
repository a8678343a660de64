/**
 * The lake's lifecycle: tasks that the maintain service's leader runs periodically on every Floe
 * table. Retention deletes whole day partitions past each tenant's retention, snapshot expiry drops
 * old table versions and the files only they referenced, orphan removal deletes files that no table
 * version references, and the small-file rewrite merges a partition's small files into larger
 * sorted ones. Every change is an Iceberg commit that fails, rather than corrupts, when it races
 * with another commit.
 */
package dev.floe.maintain.lifecycle;
