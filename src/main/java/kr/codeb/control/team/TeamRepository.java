package kr.codeb.control.team;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import kr.codeb.control.common.db.Db;

/** SQL for teams (seed 000 TeamRepo). */
@ApplicationScoped
public class TeamRepository {

    private final Db db;

    TeamRepository(Db db) {
        this.db = db;
    }

    /** Teams with id greater than {@code afterId} (null: from the start), in id order; {@code onlyId} narrows to one team. */
    public Uni<List<Team>> list(String onlyId, String afterId, int limit) {
        return db.read("team.list", "SELECT " + Team.COLUMNS + " FROM teams WHERE ($1::text IS NULL OR id = $1)"
                        + " AND ($2::text IS NULL OR id > $2) ORDER BY id LIMIT $3",
                        Tuple.of(onlyId, afterId, limit))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(Team::from).toList());
    }

    public Uni<Team> insert(SqlClient client, String id, NewTeam t) {
        Map<String, Object> settings = t.settings() == null ? Map.of() : t.settings();
        return db.query(client, "team.insert", "INSERT INTO teams (id, name, slug, owner, plan, settings)"
                        + " VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + Team.COLUMNS,
                        Tuple.tuple(List.of(id, t.name().trim(), t.slug(), t.owner().trim(),
                                t.plan() == null ? "free" : t.plan(), new JsonObject(settings))))
                .map(rows -> Team.from(rows.iterator().next()));
    }

    /** The team with {@code id}, or null. */
    public Uni<Team> find(String id) {
        return db.query("team.find", "SELECT " + Team.COLUMNS + " FROM teams WHERE id = $1", Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? Team.from(rows.iterator().next()) : null);
    }

    /** Whether a team with {@code id} exists. */
    public Uni<Boolean> exists(String id) {
        return db.query("team.exists", "SELECT 1 FROM teams WHERE id = $1", Tuple.of(id))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Applies the non-null fields of {@code patch} to team {@code id}; null when there is no such team. */
    public Uni<Team> update(SqlConnection conn, String id, TeamPatch patch) {
        JsonObject settings = patch.settings() == null ? null : new JsonObject(patch.settings());
        return db.query(conn, "team.update", "UPDATE teams SET name = COALESCE($2, name), slug = COALESCE($3, slug),"
                        + " owner = COALESCE($4, owner), plan = COALESCE($5, plan), settings = COALESCE($6, settings)"
                        + " WHERE id = $1 RETURNING " + Team.COLUMNS,
                        Tuple.tuple(Arrays.asList(id, trimmed(patch.name()), patch.slug(), trimmed(patch.owner()),
                                patch.plan(), settings)))
                .map(rows -> rows.iterator().hasNext() ? Team.from(rows.iterator().next()) : null);
    }

    /** Deletes team {@code id} with everything that belongs to it (the foreign keys cascade); false when there was none. */
    public Uni<Boolean> delete(SqlConnection conn, String id) {
        return db.query(conn, "team.delete", "DELETE FROM teams WHERE id = $1", Tuple.of(id))
                .map(rows -> rows.rowCount() > 0);
    }

    private static String trimmed(String text) {
        return text == null ? null : text.trim();
    }
}
