/** Deletion of compacted WAL segments after a grace period. */
package dev.floe.maintain.cleanup;
