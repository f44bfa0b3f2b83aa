package kr.codeb.control.common.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which failures mean "unreachable" (switch to the file registry) and which only "unavailable, retry" (503). */
class DbFailuresTest {

    static Throwable failure(String kind) {
        return switch (kind) {
            case "connect" -> new RuntimeException(new ConnectException("Connection refused"));
            case "closed" -> new VertxException("Connection is closed");
            case "pg08006" -> new PgException("connection failure", "FATAL", "08006", null);
            case "pg57P01" -> new PgException("terminating connection due to administrator command", "FATAL", "57P01", null);
            case "pg57014" -> new PgException("canceling statement due to statement timeout", "ERROR", "57014", null);
            case "pg53300" -> new PgException("too many connections", "FATAL", "53300", null);
            case "timeout" -> new TimeoutException();
            case "timedOut" -> new VertxException("Request timed out");
            case "pg23505" -> new PgException("duplicate key", "ERROR", "23505", null);
            case "notMigrated" -> new RuntimeException(new DbFailures.DatabaseNotReady());
            default -> new IllegalStateException("boom");
        };
    }

    @ParameterizedTest
    @CsvSource({
        "connect, true, true",
        "closed, true, true",
        "pg08006, true, true",
        "pg57P01, true, true",
        "pg57014, false, true",
        "pg53300, false, true",
        "timeout, false, true",
        "timedOut, false, true",
        "pg23505, false, false",
        "notMigrated, true, true",
        "other, false, false",
    })
    void classifies(String kind, boolean unreachable, boolean unavailable) {
        assertEquals(unreachable, DbFailures.isUnreachable(failure(kind)), "unreachable: " + kind);
        assertEquals(unavailable, DbFailures.isUnavailable(failure(kind)), "unavailable: " + kind);
    }
}
