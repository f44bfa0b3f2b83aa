package kr.codeb.control.support;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** Reads audit rows straight from the database, for tests that prove a mutation was logged. */
public final class Audits {

    private Audits() {
    }

    /** The actions of successful audit rows about {@code resourceId}, oldest first. */
    public static List<String> successfulActions(String resourceId) {
        RowSet<Row> rows = Fixtures.pool().preparedQuery("SELECT action FROM audit_logs WHERE resource_id = $1 AND success"
                + " ORDER BY timestamp, id").execute(Tuple.of(resourceId)).await().indefinitely();
        List<String> actions = new ArrayList<>();
        rows.forEach(r -> actions.add(r.getString("action")));
        return actions;
    }
}
