/**
 * What the query languages share, owned by none of them: label sets, RE2 regular expressions, Go's
 * durations and string quoting. LogQL, PromQL and TraceQL build on this package; it depends on none of
 * them.
 */
package dev.floe.lang;
