package kr.codeb.control.domain;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;
import kr.codeb.control.common.db.Db;

/** SQL for {@code domains}. A domain name is unique across all teams (the table's UNIQUE constraint). */
@ApplicationScoped
public class DomainRepository {

    /** A domain's project environment and, when that environment has an active slot, the slot and its port. */
    public record Target(String projectName, String environment, String status, String activeSlot, Integer port) {
    }

    private final Db db;

    DomainRepository(Db db) {
        this.db = db;
    }

    /** Domains of {@code project} named after {@code afterDomain} (null: from the start), in name order. */
    public Uni<List<Domain>> list(String project, String afterDomain, int limit) {
        return db.read("domain.list", "SELECT " + Domain.COLUMNS + " FROM domains WHERE project_name = $1"
                        + " AND ($2::text IS NULL OR domain > $2) ORDER BY domain LIMIT $3", Tuple.of(project, afterDomain, limit))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(Domain::from).toList());
    }

    /** Inserts the domain; null when the name is already registered (to any project of any team). */
    public Uni<Domain> insert(SqlConnection conn, String domain, String project, String environment, String type, String createdBy) {
        return db.query(conn, "domain.insert", "INSERT INTO domains (domain, project_name, environment, type, created_by)"
                        + " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (domain) DO NOTHING RETURNING " + Domain.COLUMNS,
                        Tuple.of(domain, project, environment, type, createdBy))
                .map(DomainRepository::firstOrNull);
    }

    /** The team of the project holding {@code domain}, if the domain is registered (empty string for a team-less legacy project). */
    public Uni<String> holderTeam(SqlConnection conn, String domain) {
        return db.query(conn, "domain.holder_team", "SELECT COALESCE(p.team_id, '') AS team_id FROM domains d"
                        + " LEFT JOIN projects p ON p.name = d.project_name WHERE d.domain = $1", Tuple.of(domain))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString("team_id") : null);
    }

    /** Applies the non-null fields of {@code patch} to the domain of {@code project}; null when the project has no such domain. */
    public Uni<Domain> update(SqlConnection conn, String project, String domain, DomainPatch patch) {
        return db.query(conn, "domain.update", "UPDATE domains SET ssl_enabled = COALESCE($3, ssl_enabled),"
                        + " dns_configured = COALESCE($4, dns_configured),"
                        + " dns_verified_at = CASE WHEN $4::boolean THEN NOW() WHEN NOT $4::boolean THEN NULL ELSE dns_verified_at END,"
                        + " caddy_configured = COALESCE($5, caddy_configured), status = COALESCE($6, status)"
                        + " WHERE domain = $2 AND project_name = $1 RETURNING " + Domain.COLUMNS,
                        Tuple.tuple(Arrays.asList(project, domain, patch.sslEnabled(), patch.dnsConfigured(), patch.caddyConfigured(),
                                patch.status())))
                .map(DomainRepository::firstOrNull);
    }

    /** Deletes the domain of {@code project}; answers the environment it served ('' for none), null when the project has no such domain. */
    public Uni<String> delete(SqlConnection conn, String project, String domain) {
        return db.query(conn, "domain.delete", "DELETE FROM domains WHERE domain = $2 AND project_name = $1 RETURNING COALESCE(environment, '') AS environment",
                        Tuple.of(project, domain))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString("environment") : null);
    }

    /** The project environment {@code domain} serves and its active slot; null when the domain is not registered. */
    public Uni<Target> target(String domain) {
        return db.query("domain.route", "SELECT d.project_name, d.environment, d.status,"
                        + " CASE WHEN s.blue_state = 'active' THEN 'blue' WHEN s.green_state = 'active' THEN 'green' END AS active_slot,"
                        + " CASE WHEN s.blue_state = 'active' THEN s.blue_port WHEN s.green_state = 'active' THEN s.green_port END AS port"
                        + " FROM domains d LEFT JOIN project_slots s ON s.project_name = d.project_name AND s.environment = d.environment"
                        + " WHERE d.domain = $1", Tuple.of(domain))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Target(r.getString("project_name"), r.getString("environment"), r.getString("status"),
                            r.getString("active_slot"), r.getInteger("port"));
                });
    }

    private static Domain firstOrNull(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? Domain.from(rows.iterator().next()) : null;
    }
}
