package kr.codeb.control.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;
import kr.codeb.control.common.db.Db;

/** SQL for audit rows (seed 000 AuditLogRepo): many-row insert, filtered keyset list, count. */
@ApplicationScoped
public class AuditRepository {

    static final String COLUMNS = "id, timestamp, team_id, key_id, user_id, role, action, resource, resource_id,"
            + " params, success, duration, ip, user_agent, error";

    /** One statement for any number of rows: each column travels as one array parameter. */
    private static final String INSERT_NEW = "INSERT INTO audit_logs (" + COLUMNS + ")"
            + " SELECT id, ts, team_id, key_id, user_id, role, action, resource, resource_id, params::jsonb, success,"
            + " duration, ip, user_agent, error FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[],"
            + " $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::bool[], $12::int[],"
            + " $13::text[], $14::text[], $15::text[]) AS r(id, ts, team_id, key_id, user_id, role, action, resource,"
            + " resource_id, params, success, duration, ip, user_agent, error)";

    /**
     * The same, skipping a row whose (id, timestamp) exists already: how a failure row gives way to a committed
     * in-transaction row. Only rows that may meet one pay for the conflict check (a third of the insert's cost).
     */
    private static final String INSERT = INSERT_NEW + " ON CONFLICT (id, timestamp) DO NOTHING";

    private static final String SELECT = "SELECT id, timestamp, team_id, key_id, user_id, role, action, resource,"
            + " resource_id, params::text AS params, success, duration, ip, user_agent, error FROM audit_logs";

    private final Db db;
    private final ObjectMapper mapper;

    AuditRepository(Db db, ObjectMapper mapper) {
        this.db = db;
        this.mapper = mapper;
    }

    /**
     * Inserts {@code rows} in one statement on {@code client} (a pool or a transaction's connection), skipping any whose
     * (id, timestamp) is stored already.
     */
    public Uni<Integer> insert(SqlClient client, List<AuditRow> rows) {
        return insert(client, rows, true);
    }

    /**
     * Inserts a batch of the writer's rows in a transaction of its own that does not wait for the WAL to reach disk:
     * those rows were only ever held in memory, and a database crash could at worst lose the last few hundred
     * milliseconds of them. Waiting for the flush kept a second's worth of rows queued on the heap under load.
     */
    public Uni<Integer> insertBatch(List<AuditRow> rows, boolean skipExisting) {
        return db.pool().withTransaction(conn -> conn.query("SET LOCAL synchronous_commit TO off").execute()
                .chain(() -> insert(conn, rows, skipExisting)));
    }

    /** Inserts {@code rows} in one statement; {@code skipExisting} false: none of them can exist (ids made for them alone). */
    public Uni<Integer> insert(SqlClient client, List<AuditRow> rows, boolean skipExisting) {
        int n = rows.size();
        String[] id = new String[n];
        OffsetDateTime[] ts = new OffsetDateTime[n];
        String[] teamId = new String[n];
        String[] keyId = new String[n];
        String[] userId = new String[n];
        String[] role = new String[n];
        String[] action = new String[n];
        String[] resource = new String[n];
        String[] resourceId = new String[n];
        String[] params = new String[n];
        Boolean[] success = new Boolean[n];
        Integer[] duration = new Integer[n];
        String[] ip = new String[n];
        String[] userAgent = new String[n];
        String[] error = new String[n];
        for (int i = 0; i < n; i++) {
            AuditRow r = rows.get(i);
            id[i] = r.id();
            ts[i] = r.timestamp();
            teamId[i] = r.teamId();
            keyId[i] = r.keyId();
            userId[i] = r.userId();
            role[i] = r.role();
            action[i] = r.action();
            resource[i] = r.resource();
            resourceId[i] = r.resourceId();
            params[i] = r.params();
            success[i] = r.success();
            duration[i] = r.duration();
            ip[i] = r.ip();
            userAgent[i] = r.userAgent();
            error[i] = r.error();
        }
        Tuple args = Tuple.tuple(Arrays.asList(id, ts, teamId, keyId, userId, role, action, resource, resourceId,
                params, success, duration, ip, userAgent, error));
        return db.query(client, skipExisting ? "audit.insert" : "audit.insert_new", skipExisting ? INSERT : INSERT_NEW, args)
                .map(result -> result.rowCount());
    }

    /** Up to {@code limit} rows matching {@code filter}, newest first, strictly after the cursor position when given. */
    public Uni<List<AuditEntry>> list(AuditQuery filter, OffsetDateTime afterTimestamp, String afterId, int limit) {
        AuditQuery.Where where = filter.where(afterTimestamp, afterId);
        List<Object> args = new ArrayList<>(where.args());
        args.add(limit);
        return db.read("audit.list", SELECT + where.sql()
                        + " ORDER BY timestamp DESC, id DESC LIMIT $" + args.size(), Tuple.tuple(args))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(this::entry).toList());
    }

    /** The number of rows matching {@code filter}. */
    public Uni<Long> count(AuditQuery filter) {
        AuditQuery.Where where = filter.where(null, null);
        return db.read("audit.count", "SELECT count(*) AS n FROM audit_logs" + where.sql(), Tuple.tuple(where.args()))
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    private AuditEntry entry(Row row) {
        String params = row.getString("params");
        return new AuditEntry(row.getString("id"), row.getOffsetDateTime("timestamp").toInstant(),
                row.getString("team_id"), row.getString("key_id"), row.getString("user_id"), row.getString("role"),
                row.getString("action"), row.getString("resource"), row.getString("resource_id"),
                params == null ? null : json(params), row.getBoolean("success"),
                row.getInteger("duration"), row.getString("ip"), row.getString("user_agent"), row.getString("error"));
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return mapper.getNodeFactory().textNode(text);
        }
    }
}
