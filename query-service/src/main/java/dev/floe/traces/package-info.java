/**
 * Stored traces as the read path hands them on: spans with their resource and scope, grouped into
 * whole traces, in the storage form of the {@code spans} table. TraceQL evaluates them; the Tempo API
 * encodes them.
 */
package dev.floe.traces;
