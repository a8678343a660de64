package dev.floe.maintain.lifecycle;

import static org.apache.iceberg.expressions.Expressions.and;
import static org.apache.iceberg.expressions.Expressions.equal;
import static org.apache.iceberg.expressions.Expressions.lessThan;

import dev.floe.schema.Columns;
import dev.floe.schema.Signal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.DeleteFiles;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;

/**
 * Deletes each tenant's day partitions that are older than the tenant's retention.
 *
 * <p>A tenant's cutoff is the UTC midnight that starts the day {@code days} days before {@code
 * now}'s day: every row before it is more than {@code days} days old (data is kept up to a day
 * longer than configured, never shorter), and because the cutoff falls on a day boundary, the
 * filter {@code tenant_id = t AND timestamp < cutoff} matches whole {@code day(timestamp)}
 * partitions. Iceberg then drops whole files from the manifests without reading or
 * rewriting any data, and a file that only partly matched would fail the commit rather than be
 * rewritten. Each tenant gets its own filter, so no other tenant's data can match.
 *
 * <p>The delete is one commit per table. If ingestion commits at the same time, Iceberg retries the
 * delete on the new table version with the same filters, which is still correct.
 */
public final class RetentionTask implements TableTask {
  public static final String NAME = "retention";
  /** Rows deleted by a run; reported as {@code floe.retention.deleted.records}. */
  public static final String DELETED_RECORDS = "deleted.records";
  public static final String DELETED_FILES = "deleted.files";
  public static final String TENANTS = "tenants";

  private final RetentionConfig config;

  public RetentionTask(RetentionConfig config) {
    this.config = config;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The first instant kept of data retained for {@code days} days (a UTC midnight). */
  public static Instant cutoff(Instant now, int days) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    return today.minusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  @Override
  public TaskResult run(Table table, Signal signal, Instant now) {
    Map<String, Instant> expiring = new TreeMap<>();
    for (Map.Entry<String, Integer> tenant : TenantDays.oldestDays(table).entrySet()) {
      int days = config.days(tenant.getKey(), signal);
      if (days == 0) {
        continue;
      }
      Instant cutoff = cutoff(now, days);
      long cutoffDay = LocalDate.ofInstant(cutoff, ZoneOffset.UTC).toEpochDay();
      if (tenant.getValue() < cutoffDay) {
        expiring.put(tenant.getKey(), cutoff);
      }
    }
    if (expiring.isEmpty()) {
      return TaskResult.unchanged("no tenant has data past its retention");
    }

    DeleteFiles delete = table.newDelete();
    List<String> described = new ArrayList<>();
    expiring.forEach((tenant, cutoff) -> {
      long cutoffMicros = ChronoUnit.MICROS.between(Instant.EPOCH, cutoff);
      delete.deleteFromRowFilter(and(equal(Columns.TENANT_ID, tenant), lessThan(Columns.TIMESTAMP, cutoffMicros)));
      described.add(tenant + " before " + cutoff);
    });
    String mark = TaskCommits.mark(delete, NAME);
    try {
      delete.commit();
    } catch (CommitFailedException e) {
      return TaskResult.conflict("concurrent commits outlasted Iceberg's retries: " + e.getMessage());
    }

    Map<String, String> summary = TaskCommits.summary(table, mark).orElse(Map.of());
    return TaskResult.changed(
        Map.of(
            DELETED_RECORDS, TaskCommits.number(summary, SnapshotSummary.DELETED_RECORDS_PROP),
            DELETED_FILES, TaskCommits.number(summary, SnapshotSummary.DELETED_FILES_PROP),
            TENANTS, (long) expiring.size()),
        "deleted " + String.join(", ", described));
  }
}
