package kr.codeb.control.member;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;
import kr.codeb.control.auth.Role;
import kr.codeb.control.common.db.Db;

/** SQL for team members. */
@ApplicationScoped
public class MemberRepository {

    private final Db db;

    MemberRepository(Db db) {
        this.db = db;
    }

    /** Members of {@code teamId} with id greater than {@code afterId} (null: from the start), in id order. */
    public Uni<List<Member>> list(String teamId, String afterId, int limit) {
        return db.read("member.list", "SELECT " + Member.COLUMNS + " FROM team_members WHERE team_id = $1"
                        + " AND ($2::text IS NULL OR id > $2) ORDER BY id LIMIT $3", Tuple.of(teamId, afterId, limit))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(Member::from).toList());
    }

    /**
     * Inserts the member; null when the team already has a member with that email. A missing team fails
     * with the foreign-key violation (23503).
     */
    public Uni<Member> insert(SqlConnection conn, String id, String teamId, String email, String name, Role role,
            String invitedBy) {
        return db.query(conn, "member.insert", "INSERT INTO team_members (id, team_id, email, name, role, invited_by)"
                        + " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (team_id, email) DO NOTHING RETURNING " + Member.COLUMNS,
                        Tuple.tuple(Arrays.asList(id, teamId, email, name, role.wire(), invitedBy)))
                .map(MemberRepository::firstOrNull);
    }

    /** The member, locked until the transaction ends; null when {@code teamId} has no member {@code id}. */
    public Uni<Member> lock(SqlConnection conn, String teamId, String id) {
        return db.query(conn, "member.lock", "SELECT " + Member.COLUMNS + " FROM team_members WHERE team_id = $1 AND id = $2"
                        + " FOR UPDATE", Tuple.of(teamId, id))
                .map(MemberRepository::firstOrNull);
    }

    /** Sets the name when {@code setName} (null clears it) and the role when it is not null; returns the member. */
    public Uni<Member> update(SqlConnection conn, String teamId, String id, boolean setName, String name, Role role) {
        return db.query(conn, "member.update", "UPDATE team_members SET name = CASE WHEN $3 THEN $4 ELSE name END,"
                        + " role = COALESCE($5, role) WHERE team_id = $1 AND id = $2 RETURNING " + Member.COLUMNS,
                        Tuple.tuple(Arrays.asList(teamId, id, setName, name, role == null ? null : role.wire())))
                .map(MemberRepository::firstOrNull);
    }

    public Uni<Boolean> delete(SqlConnection conn, String teamId, String id) {
        return db.query(conn, "member.delete", "DELETE FROM team_members WHERE team_id = $1 AND id = $2", Tuple.of(teamId, id))
                .map(rows -> rows.rowCount() > 0);
    }

    private static Member firstOrNull(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? Member.from(rows.iterator().next()) : null;
    }
}
