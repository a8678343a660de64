package dev.floe.store;

import java.time.Instant;

/** What a listing or a head request tells about one object. */
public record ObjectInfo(String key, long size, String etag, Instant lastModified) {}
