package dev.floe.query.scan;

/** Receives the batches of a scan, on the scanning thread. */
public interface BatchConsumer {
  /** One batch; valid only during this call (the scan reuses it). */
  void accept(ColumnBatch batch);

  /**
   * Forget every batch accepted so far: the scan starts over from a newer table version (a WAL
   * segment it planned to read was compacted and deleted), and will deliver every row again.
   */
  void reset();
}
