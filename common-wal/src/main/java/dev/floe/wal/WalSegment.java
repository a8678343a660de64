package dev.floe.wal;

/** A segment found by listing, with its size in bytes. */
public record WalSegment(SegmentKey key, long size) {}
