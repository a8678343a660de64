package dev.floe.maintain;

import org.apache.iceberg.BaseTable;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.LocationProvider;

/**
 * A table's real operations with something injected around the catalog commit: a crash before it, a
 * concurrent writer right before it, or a lost answer after it.
 */
public final class FaultyOperations implements TableOperations {
  /** What to do around one commit; the default does nothing. */
  public interface Fault {
    default void beforeCommit(TableMetadata base) {}

    default void afterCommit() {}
  }

  private final TableOperations delegate;
  private final Fault fault;

  private FaultyOperations(TableOperations delegate, Fault fault) {
    this.delegate = delegate;
    this.fault = fault;
  }

  /** The table, with {@code fault} around each of its commits. */
  public static Table wrap(Table table, Fault fault) {
    TableOperations operations = ((HasTableOperations) table).operations();
    return new BaseTable(new FaultyOperations(operations, fault), table.name());
  }

  @Override
  public void commit(TableMetadata base, TableMetadata metadata) {
    fault.beforeCommit(base);
    delegate.commit(base, metadata);
    fault.afterCommit();
  }

  @Override
  public TableMetadata current() {
    return delegate.current();
  }

  @Override
  public TableMetadata refresh() {
    return delegate.refresh();
  }

  @Override
  public FileIO io() {
    return delegate.io();
  }

  @Override
  public String metadataFileLocation(String fileName) {
    return delegate.metadataFileLocation(fileName);
  }

  @Override
  public LocationProvider locationProvider() {
    return delegate.locationProvider();
  }

  @Override
  public TableOperations temp(TableMetadata uncommittedMetadata) {
    return delegate.temp(uncommittedMetadata);
  }

  @Override
  public long newSnapshotId() {
    return delegate.newSnapshotId();
  }
}
