package kr.codeb.control.common.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * A primary of its own and a real streaming replica of it, made with {@code pg_basebackup} and run by the same embedded
 * PostgreSQL binaries: one pair per test JVM, stopped and deleted when it exits.
 */
public final class StreamingPair {

    private static final String KEY = "kr.codeb.streaming-standby-port";
    private static StreamingPair pair;

    private final EmbeddedPostgres.Server primary;
    private final Path bin;
    private final Path standbyRoot;
    private final int standbyPort;

    private StreamingPair(EmbeddedPostgres.Server primary, Path bin, Path standbyRoot, int standbyPort) {
        this.primary = primary;
        this.bin = bin;
        this.standbyRoot = standbyRoot;
        this.standbyPort = standbyPort;
    }

    /**
     * The pair of this JVM, made on first use. Kept in a system property as well: a test profile is asked for its
     * overrides more than once, from class loaders that each see their own static fields.
     */
    public static synchronized StreamingPair get() {
        if (pair == null && System.getProperty(KEY) != null) {
            Path primaryRoot = root("pair-primary-");
            try {
                pair = new StreamingPair(EmbeddedPostgres.start(primaryRoot, true), EmbeddedPostgres.binDir(primaryRoot),
                        root("pair-standby-"), Integer.parseInt(System.getProperty(KEY)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (pair == null) {
            try {
                pair = make();
            } catch (IOException e) {
                throw new UncheckedIOException("could not make a streaming replica: " + e.getMessage(), e);
            }
        }
        return pair;
    }

    private static Path root(String prefix) {
        return Path.of("target", "embedded-postgres", prefix + ProcessHandle.current().pid()).toAbsolutePath().normalize();
    }

    private static StreamingPair make() throws IOException {
        Path primaryRoot = root("pair-primary-");
        EmbeddedPostgres.Server primary = EmbeddedPostgres.start(primaryRoot, true);
        Path bin = EmbeddedPostgres.binDir(primaryRoot);
        Path standbyRoot = root("pair-standby-");
        Files.createDirectories(standbyRoot);
        Path data = standbyRoot.resolve("data");
        String conninfo = "host=127.0.0.1 port=" + primary.port() + " user=" + primary.user() + " password=" + primary.password();
        // -R writes standby.signal and primary_conninfo: the copy starts as a hot standby streaming from the primary
        Path log = standbyRoot.resolve("basebackup.log");
        try {
            EmbeddedPostgres.run(List.of("pg_basebackup", "-d", conninfo, "-D", data.toString(), "-X", "stream", "-R",
                    "-c", "fast", "--no-sync"), log, 120);
        } catch (IOException e) {
            throw new IOException(e.getMessage() + ": " + (Files.exists(log) ? Files.readString(log) : "no log"), e);
        }
        Files.writeString(data.resolve("postgresql.auto.conf"), "\nprimary_conninfo = '" + conninfo
                + " application_name=codeb-test-standby'\n", StandardOpenOption.APPEND);
        int port = EmbeddedPostgres.freePort();
        EmbeddedPostgres.startServer(bin, data, standbyRoot, port, true);
        StreamingPair made = new StreamingPair(primary, bin, standbyRoot, port);
        System.setProperty(KEY, Integer.toString(port));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            made.stopStandby();
            EmbeddedPostgres.deleteTree(standbyRoot);
        }, "streaming-standby-stop"));
        return made;
    }

    public EmbeddedPostgres.Server primary() {
        return primary;
    }

    /** {@code DATABASE_READ_URL} of {@code database} on the standby. */
    public String standbyUrl(String database) {
        return "postgresql://" + primary.user() + ":" + primary.password() + "@127.0.0.1:" + standbyPort + "/" + database;
    }

    public void stopStandby() {
        try {
            EmbeddedPostgres.run(List.of(bin.resolve("pg_ctl").toString(), "-D", standbyRoot.resolve("data").toString(),
                    "-m", "fast", "-w", "stop"), standbyRoot.resolve("pg_ctl.log"), 60);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void startStandby() {
        try {
            EmbeddedPostgres.startServer(bin, standbyRoot.resolve("data"), standbyRoot, standbyPort, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops applying WAL on the standby: it keeps receiving, and falls behind with every commit on the primary. */
    public void pauseReplay(String database) {
        standbySql(database, "SELECT pg_wal_replay_pause()");
    }

    public void resumeReplay(String database) {
        standbySql(database, "SELECT pg_wal_replay_resume()");
    }

    /** A connection to {@code database} on the primary, for changes this service does not make itself. */
    public Connection primaryConnection(String database) throws SQLException {
        return connect(primary.port(), database);
    }

    private void standbySql(String database, String sql) {
        try (Connection c = connect(standbyPort, database); var s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on the standby: " + e.getMessage(), e);
        }
    }

    private Connection connect(int port, String database) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", primary.user());
        login.setProperty("password", primary.password());
        return new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:" + port + "/" + database, login);
    }
}
