package kr.codeb.control.ops;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import kr.codeb.control.audit.Gate;
import kr.codeb.control.auth.Action;
import kr.codeb.control.common.config.CodebConfig;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Database statistics for operators (SPEC §5 "Operations", seed 001 monitoring queries); system keys only. */
@Path("/api/v1/admin/db")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations")
public class DbStatsResource {

    private final Gate gate;
    private final DbStatsRepository stats;
    private final PoolMetrics poolMetrics;
    private final Migrations schemaVersion;
    private final CodebConfig config;

    DbStatsResource(Gate gate, DbStatsRepository stats, PoolMetrics poolMetrics, Migrations schemaVersion,
            CodebConfig config) {
        this.gate = gate;
        this.stats = stats;
        this.poolMetrics = poolMetrics;
        this.schemaVersion = schemaVersion;
        this.config = config;
    }

    @GET
    @Path("stats")
    @Operation(summary = "Database statistics (system keys only)",
            description = "Table sizes (total, heap and index bytes, live and dead tuples, last vacuum and analyze), index usage"
                    + " (scans, size), this replica's pool (total, idle, waiting, max) and the schema version (expected by this"
                    + " build against applied). Read from PostgreSQL's statistics views; nothing is locked.")
    @APIResponse(responseCode = "200", description = "The statistics")
    @APIResponse(responseCode = "403", description = "Not a system key")
    @APIResponse(responseCode = "503", description = "The database is unavailable")
    public Uni<DbStats> get() {
        gate.enter(Action.DB_STATS);
        // the pool figures are read first, before these queries take connections of their own
        DbStats.PoolState pool = new DbStats.PoolState((int) poolMetrics.total(), (int) poolMetrics.idle(),
                (int) poolMetrics.waiting(), config.db().poolMax());
        String expected = schemaVersion.expected().orElse(null);
        return Uni.combine().all().unis(stats.database(), stats.tables(), stats.indexes(), stats.appliedSchema()).asTuple()
                .map(t -> new DbStats(Instant.now(), t.getItem1(), t.getItem2(), t.getItem3(), pool,
                        new DbStats.SchemaState(expected, t.getItem4().version(), expected != null && expected.equals(t.getItem4().version()),
                                t.getItem4().installedOn(), t.getItem4().failed())));
    }
}
