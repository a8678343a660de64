package dev.floe.maintain;

import dev.floe.maintain.compaction.ForwardingTableOperations;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;

/**
 * A table's real operations with something injected around the catalog commit: a crash before it, a
 * concurrent writer right before it, or a lost answer after it.
 */
public final class FaultyOperations extends ForwardingTableOperations {
  /** What to do around one commit; the default does nothing. */
  public interface Fault {
    default void beforeCommit(TableMetadata base) {}

    default void afterCommit() {}
  }

  private final Fault fault;

  private FaultyOperations(TableOperations delegate, Fault fault) {
    super(delegate);
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
    super.commit(base, metadata);
    fault.afterCommit();
  }
}
