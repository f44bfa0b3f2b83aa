package kr.codeb.control.gate;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.slot.SlotColor;

/**
 * SQL for {@code slot_checks}: the last probe of each side's build and its streak, kept in the database so that a
 * replica taking over an environment's probing continues the count instead of starting it again.
 */
@ApplicationScoped
public class SlotChecks {

    /** Passes and failures in a row, this probe included. */
    public record Streak(int passes, int failures) {
    }

    private final Db db;

    SlotChecks(Db db) {
        this.db = db;
    }

    /** Records one probe of the build deployed at {@code deployedAt} on {@code slot}; a new build starts a new streak. */
    public Uni<Streak> record(String project, String env, SlotColor slot, Instant deployedAt, boolean ok, String detail) {
        return db.query("slot_check.record", "INSERT INTO slot_checks (project_name, environment, slot, deployed_at, checked_at, ok, detail,"
                        + " passes, failures) VALUES ($1, $2, $3, $4, NOW(), $5, $6, CASE WHEN $5 THEN 1 ELSE 0 END, CASE WHEN $5 THEN 0 ELSE 1 END)"
                        + " ON CONFLICT (project_name, environment, slot) DO UPDATE SET checked_at = NOW(), ok = $5, detail = $6,"
                        + " deployed_at = $4,"
                        + " passes = CASE WHEN NOT $5 THEN 0 WHEN slot_checks.deployed_at = $4 THEN slot_checks.passes + 1 ELSE 1 END,"
                        + " failures = CASE WHEN $5 THEN 0 WHEN slot_checks.deployed_at = $4 THEN slot_checks.failures + 1 ELSE 1 END"
                        + " RETURNING passes, failures",
                        Tuple.tuple(Arrays.asList(project, env, slot.wire(), deployedAt.atOffset(ZoneOffset.UTC), ok, detail)))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new Streak(r.getInteger("passes"), r.getInteger("failures"));
                });
    }
}
