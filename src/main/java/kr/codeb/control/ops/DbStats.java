package kr.codeb.control.ops;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code GET /api/v1/admin/db/stats}: what seed 001 monitors, in one document. */
@RegisterForReflection
public record DbStats(Instant collectedAt, DatabaseState database, List<TableStats> tables, List<IndexStats> indexes,
        PoolState pool, SchemaState schema) {

    /** The database as a whole. */
    @RegisterForReflection
    public record DatabaseState(
            @Schema(examples = "codeb") String name,
            @Schema(description = "pg_database_size, bytes") long sizeBytes,
            @Schema(nullable = true, description = "Share of block reads served from shared buffers since the statistics were reset; null before any read")
            Double cacheHitRatio,
            @Schema(description = "Server connections to this database, every client included") int connections) {
    }

    /**
     * One table of the application's schema. A partitioned table (audit_logs) is one entry whose figures add up its
     * partitions; {@code partitions} says how many it has.
     */
    @RegisterForReflection
    public record TableStats(
            @Schema(examples = "deployments") String name,
            @Schema(description = "Heap, indexes and TOAST, bytes") long totalBytes,
            @Schema(description = "Heap (main fork), bytes") long tableBytes,
            @Schema(description = "All indexes, bytes") long indexBytes,
            long liveTuples,
            long deadTuples,
            int partitions,
            @Schema(nullable = true) Instant lastVacuum,
            @Schema(nullable = true) Instant lastAutovacuum,
            @Schema(nullable = true) Instant lastAnalyze,
            @Schema(nullable = true) Instant lastAutoanalyze) {
    }

    /** One index and how often it was used since the statistics were reset. */
    @RegisterForReflection
    public record IndexStats(
            @Schema(examples = "idx_deployments_project") String name,
            @Schema(examples = "deployments") String table,
            @Schema(description = "Index scans started") long scans,
            long sizeBytes) {
    }

    /** The reactive pool of this replica. */
    @RegisterForReflection
    public record PoolState(
            @Schema(description = "Open connections") int total,
            @Schema(description = "Open connections not in use") int idle,
            @Schema(description = "Requests waiting for a connection") int waiting,
            @Schema(description = "DB_POOL_MAX") int max) {
    }

    /** Flyway's view: the newest migration this build ships against the newest one applied. */
    @RegisterForReflection
    public record SchemaState(
            @Schema(nullable = true, description = "Newest migration version of this build; null when Flyway is off", examples = "8")
            String expected,
            @Schema(nullable = true, description = "Newest successfully applied version; null when none", examples = "8") String actual,
            @Schema(description = "Whether actual equals expected") boolean upToDate,
            @Schema(nullable = true, description = "When the actual version was applied") Instant installedOn,
            @Schema(description = "Rows of flyway_schema_history whose migration failed") long failedMigrations) {
    }
}
