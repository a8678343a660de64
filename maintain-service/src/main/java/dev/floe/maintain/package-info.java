/**
 * The maintain service: its configuration, the leader loop that keeps the lease and runs the
 * periodic {@link dev.floe.maintain.MaintenanceTask}s (compaction, WAL cleanup, lifecycle tasks
 * registered by {@link dev.floe.maintain.MaintainService#start}), and the admin listener.
 */
package dev.floe.maintain;
