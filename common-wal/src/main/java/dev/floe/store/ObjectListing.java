package dev.floe.store;

import java.util.List;

/** One page of a listing; {@code truncated} says more keys follow the last one. */
public record ObjectListing(List<ObjectInfo> objects, boolean truncated) {
  public ObjectListing {
    objects = List.copyOf(objects);
  }
}
