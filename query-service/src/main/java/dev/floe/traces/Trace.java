package dev.floe.traces;

import java.util.List;

/** The spans of one trace that a read found, in no particular order. */
public record Trace(byte[] traceId, List<Span> spans) {}
