package dev.floe.store;

/** An object's content and the etag it had when it was read. */
public record StoredObject(byte[] data, String etag) {}
