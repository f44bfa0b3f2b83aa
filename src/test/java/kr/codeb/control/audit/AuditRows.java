package kr.codeb.control.audit;

import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import kr.codeb.control.support.Fixtures;

/** Reads audit rows straight from the database, polling briefly for rows the batching writer has not flushed yet. */
final class AuditRows {

    private AuditRows() {
    }

    /** The rows whose user agent is {@code userAgent}, oldest first, once at least {@code expected} exist (5 s at most). */
    static List<Row> byUserAgent(String userAgent, int expected) {
        return await("SELECT *, params::text AS params_text FROM audit_logs WHERE user_agent = $1 ORDER BY timestamp, id",
                Tuple.of(userAgent), expected);
    }

    /** The rows of {@code sql}, once at least {@code expected} exist (5 s at most). */
    static List<Row> await(String sql, Tuple args, int expected) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<Row> rows = List.of();
        while (System.nanoTime() < deadline) {
            rows = query(sql, args);
            if (rows.size() >= expected) {
                return rows;
            }
            sleep(50);
        }
        fail("expected " + expected + " audit rows, found " + rows.size());
        return rows;
    }

    static List<Row> query(String sql, Tuple args) {
        List<Row> out = new ArrayList<>();
        Fixtures.pool().preparedQuery(sql).execute(args).await().indefinitely().forEach(out::add);
        return out;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
