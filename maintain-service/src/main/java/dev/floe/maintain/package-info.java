/** The maintain service: WAL compaction into Iceberg, the leader lease, and the lake's lifecycle. */
package dev.floe.maintain;
