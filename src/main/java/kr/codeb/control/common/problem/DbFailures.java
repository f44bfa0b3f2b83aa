package kr.codeb.control.common.problem;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/** Classifies database failures: which mean "unavailable, retry" (503) and which are a client's conflict. */
public final class DbFailures {

    private DbFailures() {
    }

    /** The database has not been migrated yet (the service started while it was unreachable): as good as unreachable. */
    public static final class DatabaseNotReady extends RuntimeException {
        public DatabaseNotReady() {
            super("the database is not migrated yet", null, false, false);
        }
    }

    /**
     * True when the failure means "unavailable, retry" (503): the database cannot be reached
     * ({@link #isUnreachable}), or it did not answer in time, or it is out of resources or cancelled the statement.
     */
    public static boolean isUnavailable(Throwable e) {
        if (isUnreachable(e)) {
            return true;
        }
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
            if (t instanceof PgException pg) {
                String state = pg.getSqlState() == null ? "" : pg.getSqlState();
                return state.startsWith("53") || state.startsWith("57");
            }
            if (t instanceof VertxException && t.getMessage() != null && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("timed out")) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the failure says the database cannot be reached at all (connection refused, closed, lost,
     * shutting down) — unlike a statement timeout, which says nothing about reachability.
     */
    public static boolean isUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DatabaseNotReady || t instanceof ConnectException || t instanceof io.vertx.sqlclient.ClosedConnectionException
                    || t instanceof java.nio.channels.ClosedChannelException) {
                return true;
            }
            if (t instanceof PgException pg) {
                String state = pg.getSqlState() == null ? "" : pg.getSqlState();
                return state.startsWith("08") || state.startsWith("57P");
            }
            if (t instanceof VertxException && t.getMessage() != null) {
                String m = t.getMessage().toLowerCase(java.util.Locale.ROOT);
                if (m.contains("connection") || m.contains("closed") || m.contains("timeout")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Maps a PostgreSQL error to the client-facing problem it stands for, when it is one. */
    public static Optional<ApiException> toApiException(PgException e) {
        String state = e.getSqlState() == null ? "" : e.getSqlState();
        return switch (state) {
            case "23505" -> Optional.of(ApiException.conflict("A resource with the same unique value already exists"));
            case "23503" -> Optional.of(ApiException.conflict("The resource is referenced by, or refers to, a missing resource"));
            case "23514", "23502" -> Optional.of(ApiException.badRequest("The request holds a value the database rejects"));
            case "40001", "40P01" -> Optional.of(ApiException.unavailable("Concurrent update; retry the request"));
            // class 22, data exception (too long, out of range, bad format, untranslatable character …): a value the
            // request carried, never a server fault
            default -> state.startsWith("22") ? Optional.of(ApiException.badRequest("The request holds a value the database rejects"))
                    : isUnavailable(e) ? Optional.of(ApiException.unavailable("The database is unavailable; retry shortly"))
                    : Optional.empty();
        };
    }
}
