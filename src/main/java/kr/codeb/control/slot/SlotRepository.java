package kr.codeb.control.slot;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;
import kr.codeb.control.common.db.Db;

/** SQL for {@code project_slots} and {@code environment_freezes} (seed 000 SlotRepo). */
@ApplicationScoped
public class SlotRepository {

    private static final String COLUMNS = "project_name, environment, active_slot, grace_expires_at, updated_at,"
            + " blue_state, blue_port, blue_version, blue_image, blue_deployed_at, blue_deployed_by, blue_health_status,"
            + " green_state, green_port, green_version, green_image, green_deployed_at, green_deployed_by, green_health_status";

    /** The prober's last check of each side's current build ({@code slot_checks cb, cg}), joined by {@link #CHECKED}. */
    private static final String CHECKS = ", cb.checked_at AS blue_checked_at, cb.ok AS blue_check_ok, cb.detail AS blue_check_detail,"
            + " cg.checked_at AS green_checked_at, cg.ok AS green_check_ok, cg.detail AS green_check_detail";

    private static final String CHECKED = " LEFT JOIN slot_checks cb ON cb.project_name = s.project_name AND cb.environment = s.environment"
            + " AND cb.slot = 'blue' AND cb.deployed_at = s.blue_deployed_at"
            + " LEFT JOIN slot_checks cg ON cg.project_name = s.project_name AND cg.environment = s.environment"
            + " AND cg.slot = 'green' AND cg.deployed_at = s.green_deployed_at";

    private static final String OF_S = "s." + COLUMNS.replace(", ", ", s.") + CHECKS;

    /** {@link #COLUMNS} of {@code project_slots s} with their checks and the owning team of {@code projects p}. */
    private static final String JOINED = OF_S + ", p.team_id";

    /** {@code project_slots s} with its checks and its project {@code p}. */
    private static final String FROM = " FROM project_slots s JOIN projects p ON p.name = s.project_name" + CHECKED;

    private final Db db;

    SlotRepository(Db db) {
        this.db = db;
    }

    public static StoredSlots from(Row row) {
        SlotPair pair = new SlotPair(SlotColor.parse(row.getString("active_slot")).orElse(SlotColor.BLUE),
                side(row, SlotColor.BLUE), side(row, SlotColor.GREEN), instant(row.getOffsetDateTime("grace_expires_at")));
        return new StoredSlots(row.getString("project_name"), row.getString("environment"), pair,
                instant(row.getOffsetDateTime("updated_at")), row.getColumnIndex("team_id") >= 0 ? row.getString("team_id") : null);
    }

    private static Slot side(Row row, SlotColor c) {
        String p = c.wire() + "_";
        return new Slot(c, SlotState.parse(row.getString(p + "state")), row.getInteger(p + "port"), row.getString(p + "version"),
                row.getString(p + "image"), instant(row.getOffsetDateTime(p + "deployed_at")), row.getString(p + "deployed_by"),
                HealthStatus.of(row.getString(p + "health_status")), check(row, p));
    }

    private static SlotCheck check(Row row, String side) {
        if (row.getColumnIndex(side + "checked_at") < 0 || row.getOffsetDateTime(side + "checked_at") == null) {
            return null;
        }
        return new SlotCheck(instant(row.getOffsetDateTime(side + "checked_at")), row.getBoolean(side + "check_ok"),
                row.getString(side + "check_detail"));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime odt(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    /** Every row with its team: what the file registry mirrors at start-up. */
    public Uni<List<StoredSlots>> all() {
        return db.query("slot.all", "SELECT " + JOINED + FROM, Tuple.tuple())
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(SlotRepository::from).toList());
    }

    /** The row of a project environment; null when it was never deployed to. */
    public Uni<StoredSlots> find(String project, String env) {
        return db.query("slot.find", "SELECT " + OF_S + " FROM project_slots s" + CHECKED
                                + " WHERE s.project_name = $1 AND s.environment = $2",
                        Tuple.of(project, env))
                .map(rows -> rows.iterator().hasNext() ? from(rows.iterator().next()) : null);
    }

    /**
     * Team-wide list (seed listAll/listByTeam/listByProjects): {@code teamId} null means every team,
     * {@code projects} null means every project; keyset after (project, environment).
     */
    public Uni<List<StoredSlots>> list(String teamId, String[] projects, String afterProject, String afterEnv, int limit) {
        return db.query("slot.list", "SELECT " + JOINED + FROM
                        + " WHERE ($1::text IS NULL OR p.team_id = $1) AND ($2::text[] IS NULL OR s.project_name = ANY($2))"
                        + " AND ($3::text IS NULL OR (s.project_name, s.environment) > ($3, $4))"
                        + " ORDER BY s.project_name, s.environment LIMIT $5",
                        Tuple.tuple(Arrays.asList(teamId, projects, afterProject, afterEnv, limit)))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(SlotRepository::from).toList());
    }

    /**
     * The row of a project environment with its owning team, created empty if absent, locked for the rest of the
     * transaction. A row created here has no {@code updatedAt}: to clients it is the never-changed state (ETag "0").
     */
    public Uni<StoredSlots> lock(SqlClient conn, String project, String env) {
        return db.query(conn, "slot.ensure", "INSERT INTO project_slots (project_name, environment) VALUES ($1, $2)"
                        + " ON CONFLICT (project_name, environment) DO NOTHING", Tuple.of(project, env))
                .chain(created -> db.query(conn, "slot.lock", "SELECT " + JOINED + FROM
                                + " WHERE s.project_name = $1 AND s.environment = $2 FOR UPDATE OF s",
                                Tuple.of(project, env))
                        .map(rows -> {
                            StoredSlots s = from(rows.iterator().next());
                            return created.rowCount() > 0 ? new StoredSlots(s.projectName(), s.environment(), s.pair(), null, s.teamId()) : s;
                        }));
    }

    public Uni<StoredSlots> save(SqlClient conn, String project, String env, SlotPair p) {
        Slot b = p.blue();
        Slot g = p.green();
        return db.query(conn, "slot.save", "WITH s AS (UPDATE project_slots SET active_slot = $3, grace_expires_at = $4,"
                        + " blue_state = $5, blue_port = $6, blue_version = $7, blue_image = $8, blue_deployed_at = $9,"
                        + " blue_deployed_by = $10, blue_health_status = $11,"
                        + " green_state = $12, green_port = $13, green_version = $14, green_image = $15, green_deployed_at = $16,"
                        + " green_deployed_by = $17, green_health_status = $18"
                        + " WHERE project_name = $1 AND environment = $2 RETURNING *) SELECT " + OF_S + " FROM s" + CHECKED,
                        Tuple.tuple(Arrays.asList(project, env, p.activeSlot().wire(), odt(p.graceExpiresAt()),
                                b.state().wire(), b.port(), b.version(), b.image(), odt(b.deployedAt()), b.deployedBy(), b.healthStatus().wire(),
                                g.state().wire(), g.port(), g.version(), g.image(), odt(g.deployedAt()), g.deployedBy(), g.healthStatus().wire())))
                .map(rows -> from(rows.iterator().next()));
    }

    /** Rows whose grace window has ended, locked; rows another replica holds are skipped. */
    public Uni<List<StoredSlots>> lockExpiredGrace(SqlClient conn, int limit) {
        return db.query(conn, "slot.lock_expired_grace", "SELECT " + JOINED + FROM
                        + " WHERE s.grace_expires_at <= NOW() ORDER BY s.grace_expires_at LIMIT $1"
                        + " FOR UPDATE OF s SKIP LOCKED", Tuple.of(limit))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(SlotRepository::from).toList());
    }

    /** The freeze in force on a project environment; null when there is none (or it has lapsed). */
    public Uni<Freeze> freeze(SqlClient client, String project, String env) {
        return db.query(client, "freeze.find", "SELECT message, frozen_by, since, until FROM environment_freezes"
                        + " WHERE project_name = $1 AND environment = $2", Tuple.of(project, env))
                .map(rows -> {
                    Freeze f = rows.iterator().hasNext() ? freezeOf(rows.iterator().next()) : null;
                    return f != null && f.inForceAt(Instant.now()) ? f : null;
                });
    }

    /** What a slot view is made of: the row (null when never deployed to) and the freeze as stored, lapsed or not. */
    public record Current(StoredSlots slots, Freeze freeze) {
    }

    /** {@link Current} of a project environment in one round trip: the hot read of every pipeline and proxy. */
    public Uni<Current> current(String project, String env) {
        return db.query("slot.current", "SELECT " + OF_S + ", f.message, f.frozen_by, f.since, f.until"
                        + " FROM (SELECT $1::text AS name, $2::text AS env) k"
                        + " LEFT JOIN project_slots s ON s.project_name = k.name AND s.environment = k.env" + CHECKED
                        + " LEFT JOIN environment_freezes f ON f.project_name = k.name AND f.environment = k.env",
                        Tuple.of(project, env))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new Current(r.getString("project_name") == null ? null : from(r), freezeOf(r));
                });
    }

    private static Freeze freezeOf(Row r) {
        return r.getOffsetDateTime("since") == null ? null : new Freeze(r.getString("message"), r.getString("frozen_by"),
                instant(r.getOffsetDateTime("since")), instant(r.getOffsetDateTime("until")));
    }

    public Uni<Freeze> putFreeze(SqlClient conn, String project, String env, String message, String by, Instant until) {
        return db.query(conn, "freeze.put", "INSERT INTO environment_freezes (project_name, environment, message, frozen_by, until)"
                        + " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (project_name, environment) DO UPDATE SET message = EXCLUDED.message,"
                        + " frozen_by = EXCLUDED.frozen_by, since = NOW(), until = EXCLUDED.until RETURNING since",
                        Tuple.tuple(Arrays.asList(project, env, message, by, odt(until))))
                .map(rows -> new Freeze(message, by, instant(rows.iterator().next().getOffsetDateTime("since")), until));
    }

    /** Removes a freeze; true when one was there. */
    public Uni<Boolean> deleteFreeze(SqlClient conn, String project, String env) {
        return db.query(conn, "freeze.delete", "DELETE FROM environment_freezes WHERE project_name = $1 AND environment = $2",
                        Tuple.of(project, env))
                .map(rows -> rows.rowCount() > 0);
    }
}
