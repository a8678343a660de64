/**
 * What every Floe listener shares: TLS from the configuration, the readiness that {@code /ready}
 * reports, the tenant header required in auth mode, and the generic answer to internal failures.
 */
package dev.floe.server;
