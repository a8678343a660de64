/**
 * What the query languages share, owned by none of them: label sets, RE2 regular expressions, Go's
 * durations and string quoting, and how a query is bounded: its deadline and cancellation
 * ({@link dev.floe.lang.QueryContext}) and the size its parser accepts ({@link dev.floe.lang.ParseLimits}).
 * LogQL, PromQL and TraceQL build on this package; it depends on none of them.
 */
package dev.floe.lang;
