package kr.codeb.control.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import kr.codeb.control.common.db.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * scripts/optimize-db.sh against a real PostgreSQL 15 holding the service's own schema (the Flyway migrations, with the
 * partitioned audit_logs), with dead tuples and bloated indexes made the way they arise in production: many rows
 * deleted from a table and from an audit partition.
 */
class OptimizeDbTest {

    private static final Path SCRIPT = Path.of("scripts", "optimize-db.sh");
    private static final int ROWS = 60_000;
    private static EmbeddedPostgres.Server pg;

    record Run(int exit, String output) {
    }

    /** A database with the service's schema, two bloated tables (autovacuum off, as if it had not got to them yet). */
    record Bloated(String db, String partition, String packedPartition) {
    }

    @BeforeAll
    static void server() {
        if (!onPath("psql")) {
            fail("psql is not installed: optimize-db.sh needs the PostgreSQL 15 client (Debian/Ubuntu: apt-get install"
                    + " postgresql-client; .ci/run installs it)");
        }
        pg = EmbeddedPostgres.start(Path.of("target", "backup-pg"), true);
    }

    @Test
    void vacuumsEveryTableAndReindexesOnlyTheBloatedIndexesWhileTheServiceServes() throws Exception {
        Bloated b = bloatedDatabase();
        String partitionPkey = b.partition() + "_pkey";
        String packedPkey = b.packedPartition() + "_pkey";
        Map<String, Long> filesBefore = indexFiles(b.db());

        Traffic traffic = new Traffic(b.db());
        traffic.start();
        Run run;
        int servedBefore;
        try {
            traffic.awaitServing();
            servedBefore = traffic.served.get();
            run = script(Map.of("DATABASE_URL", url(b.db())));
        } finally {
            traffic.stop();
        }
        String out = run.output();
        assertEquals(0, run.exit(), out);
        assertFalse(out.contains(pg.password()), "the password is never printed");
        assertEquals(List.of(), traffic.failures, "not one of the service's queries failed");
        assertTrue(traffic.served.get() > servedBefore, "the service's queries ran during the optimization: " + traffic.served);

        Map<String, Long> before = deadTuples(out, "Before:");
        Map<String, Long> after = deadTuples(out, "After:");
        Set<String> leafTables = leafTables(b.db());
        assertEquals(leafTables, before.keySet(), "the before table lists every table, audit partitions included");
        assertEquals(leafTables, after.keySet(), "the after table lists the same tables");
        for (String table : List.of("deployments", b.partition())) {
            assertTrue(before.get(table) >= ROWS * 9 / 10, table + " had the deleted rows as dead tuples: " + before);
            assertTrue(after.get(table) < before.get(table), table + " lost its dead tuples: " + after);
        }
        for (String table : leafTables) {
            boolean partition = table.startsWith("audit_logs_");
            String vacuum = partition ? "VACUUM (TRUNCATE false) public." : "VACUUM (ANALYZE, TRUNCATE false) public.";
            assertTrue(out.contains("optimize-db: " + vacuum + table + "\n"), table + " was vacuumed: " + out);
        }
        assertTrue(out.contains("optimize-db: ANALYZE public.audit_logs\n"), out);

        assertTrue(out.contains("reindexed public.deployments_pkey: "), out);
        assertTrue(out.contains("reindexed public." + partitionPkey + ": "), out);
        Map<String, Long> filesAfter = indexFiles(b.db());
        assertNotEquals(filesBefore.get("deployments_pkey"), filesAfter.get("deployments_pkey"), "rebuilt");
        assertNotEquals(filesBefore.get(partitionPkey), filesAfter.get(partitionPkey), "rebuilt");
        // as large as the bloated ones, but freshly built: the threshold leaves it alone
        assertTrue(out.contains("public." + packedPkey + " "), out);
        assertFalse(out.contains("REINDEX INDEX CONCURRENTLY public." + packedPkey), out);
        assertEquals(filesBefore.get(packedPkey), filesAfter.get(packedPkey), "left alone");
        assertFalse(out.contains("VACUUM FULL") || out.contains("CLUSTER") || out.matches("(?s).*REINDEX (INDEX|TABLE) public.*"),
                "nothing that takes ACCESS EXCLUSIVE: " + out);

        try (Connection c = connect(b.db()); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_index WHERE NOT indisvalid")) {
                rs.next();
                assertEquals(0, rs.getLong(1), "no invalid index is left behind");
            }
            try (ResultSet rs = s.executeQuery("SELECT p.relname FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent"
                    + " WHERE i.inhrelid = 'public." + partitionPkey + "'::regclass")) {
                assertTrue(rs.next(), "the rebuilt partition index is still attached to the partitioned index");
                assertEquals("audit_logs_pkey", rs.getString(1));
            }
            try (ResultSet rs = s.executeQuery("SELECT pg_relation_size('public.deployments_pkey') < pg_size_bytes('1MB')")) {
                rs.next();
                assertTrue(rs.getBoolean(1), "the rebuilt index is a fraction of its bloated size");
            }
        }
    }

    @Test
    void dryRunPrintsThePlanAndChangesNothing() throws Exception {
        Bloated b = bloatedDatabase();
        try (Connection c = connect(b.db()); Statement s = c.createStatement()) {
            s.execute("ANALYZE deployments"); // as autoanalyze would have: the statistics now show the bloat
        }
        String before = maintenanceState(b);

        Run run = script(Map.of("DATABASE_URL", url(b.db())), "--dry-run");
        String out = run.output();
        assertEquals(0, run.exit(), out);
        assertTrue(out.contains("Before:"), out);
        assertTrue(out.contains("would run: VACUUM (ANALYZE, TRUNCATE false) public.deployments\n"), out);
        assertTrue(out.contains("would run: REINDEX INDEX CONCURRENTLY public.deployments_pkey\n"), out);
        assertTrue(out.contains("nothing was changed"), out);
        assertFalse(out.contains("After:"), out);
        assertFalse(out.contains("reindexed"), out);
        assertEquals(before, maintenanceState(b), "no VACUUM, ANALYZE or REINDEX ran");
    }

    @Test
    void measuresWithPgstatindexWhenPgstattupleIsInstalled() throws Exception {
        Bloated b = bloatedDatabase();
        try (Connection c = connect(b.db()); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION pgstattuple");
        }
        Run run = script(Map.of("DATABASE_URL", url(b.db())));
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("Index bloat (measured with pgstatindex()):"), run.output());
        assertTrue(run.output().contains("reindexed public.deployments_pkey: "), run.output());
        assertFalse(run.output().contains("REINDEX INDEX CONCURRENTLY public." + b.packedPartition() + "_pkey"), run.output());
    }

    @Test
    void aReindexThatFailsExitsNonZeroAndLeavesNoInvalidIndex() throws Exception {
        Bloated b = bloatedDatabase();
        Map<String, String> env = Map.of("DATABASE_URL", url(b.db()));
        CompletableFuture<Run> optimizing;
        // an open snapshot makes REINDEX CONCURRENTLY wait, so that it can be cancelled halfway, like an operator's ^C
        try (Connection old = connect(b.db()); Connection admin = connect(b.db())) {
            old.setAutoCommit(false);
            old.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement s = old.createStatement()) {
                s.executeQuery("SELECT count(*) FROM teams").close();
            }
            optimizing = CompletableFuture.supplyAsync(() -> {
                try {
                    return script(env);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            boolean cancelled = false;
            try (PreparedStatement cancel = admin.prepareStatement("SELECT pg_cancel_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND query LIKE 'REINDEX INDEX CONCURRENTLY%' AND wait_event_type = 'Lock'")) {
                while (!cancelled && !optimizing.isDone() && System.nanoTime() < deadline) {
                    try (ResultSet rs = cancel.executeQuery()) {
                        cancelled = rs.next() && rs.getBoolean(1);
                    }
                    Thread.sleep(100);
                }
            }
            assertTrue(cancelled, "the REINDEX was caught waiting for the open snapshot");
            old.rollback(); // the clean-up (DROP INDEX CONCURRENTLY) waits for it too
        }
        Run run = optimizing.get(120, TimeUnit.SECONDS);
        assertNotEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("failed: ERROR: canceling statement due to user request"), run.output());
        assertTrue(run.output().contains("_ccnew, the invalid copy left by the failed REINDEX"), run.output());
        assertFalse(run.output().contains("After:"), "it stops at the failure: " + run.output());
        try (Connection c = connect(b.db()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT string_agg(indexrelid::regclass::text, ', ') FROM pg_index WHERE NOT indisvalid")) {
            rs.next();
            assertEquals(null, rs.getString(1), "the invalid copy was dropped");
        }
    }

    @Test
    void helpNamesTheLockOfEachStep() throws Exception {
        Run help = script(Map.of(), "--help");
        assertEquals(0, help.exit(), help.output());
        String text = help.output();
        assertTrue(text.startsWith("Usage: optimize-db.sh"), text);
        for (String expected : List.of("VACUUM (ANALYZE)", "REINDEX INDEX CONCURRENTLY", "SHARE UPDATE EXCLUSIVE", "reads and writes",
                "continue", "never runs VACUUM FULL, CLUSTER or plain REINDEX", "ACCESS EXCLUSIVE", "audit retention cleanup",
                "dead tuples", "--dry-run", "--bloat-threshold PCT", "default 30", "--min-index-size SIZE", "default 1MB")) {
            assertTrue(text.contains(expected), "--help mentions " + expected + ":\n" + text);
        }
        assertTrue(Files.readString(SCRIPT).contains("set -euo pipefail"));
        for (String[] bad : List.of(new String[] {"--bloat-threshold", "101"}, new String[] {"--bloat-threshold=x"},
                new String[] {"--min-index-size", "1 XB"}, new String[] {"--vacuum-full"}, new String[] {"somedb"})) {
            Run run = script(Map.of(), bad);
            assertEquals(2, run.exit(), String.join(" ", bad) + ": " + run.output());
            assertEquals(1, run.output().lines().count(), run.output());
        }
    }

    @Test
    void aBadDatabaseUrlFailsWithOneLineAndNoPassword() throws Exception {
        String db = "optimize_" + unique();
        admin("CREATE DATABASE " + db);
        String secret = "wrong-secret-" + unique();
        for (String badUrl : List.of("mysql://" + pg.user() + ":" + secret + "@" + pg.host() + "/" + db,
                "postgresql://" + pg.user() + ":" + secret + "@" + pg.host() + ":" + pg.port() + "/" + db,
                "postgresql://" + pg.user() + ":" + secret + "@" + pg.host() + ":1/" + db)) {
            Run run = script(Map.of("DATABASE_URL", badUrl, "CODEB_DB_HOST", pg.host(), "CODEB_DB_PORT", String.valueOf(pg.port()),
                    "CODEB_DB_NAME", db, "CODEB_DB_USER", pg.user(), "CODEB_DB_PASSWORD", pg.password()));
            assertNotEquals(0, run.exit(), "DATABASE_URL wins over good CODEB_DB_* settings: " + run.output());
            assertEquals(1, run.output().lines().count(), "one line: " + run.output());
            assertTrue(run.output().startsWith("optimize-db: "), run.output());
            assertFalse(run.output().contains(secret), run.output());
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    /**
     * The service's schema and rows (teams, projects, slots, this month's audit rows), plus: deployments and next
     * month's audit partition each filled with {@link #ROWS} rows of which nine in ten were then deleted, and the
     * partition of the month after filled as much and its indexes freshly built (large, not bloated).
     */
    private static Bloated bloatedDatabase() throws SQLException, InterruptedException {
        String db = "optimize_" + unique();
        admin("CREATE DATABASE " + db);
        Flyway.configure().dataSource(jdbc(db), pg.user(), pg.password()).locations("classpath:db/migration").load().migrate();
        String partition;
        String packed;
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT to_char(m + interval '1 month', '\"audit_logs_y\"YYYY\"m\"MM'),"
                    + " to_char(m + interval '2 months', '\"audit_logs_y\"YYYY\"m\"MM')"
                    + " FROM (SELECT date_trunc('month', now() AT TIME ZONE 'UTC') AS m) x")) {
                rs.next();
                partition = rs.getString(1);
                packed = rs.getString(2);
            }
            s.execute("INSERT INTO teams (id, name, slug, owner) SELECT 'team_' || g, 'Team ' || g, 'team-' || g, 'o' || g || '@example.com'"
                    + " FROM generate_series(1, 10) g");
            s.execute("INSERT INTO projects (name, team_id) SELECT 'app-' || g, 'team_' || (g % 10 + 1) FROM generate_series(1, 30) g");
            s.execute("INSERT INTO project_slots (project_name, environment) SELECT 'app-' || g, 'production' FROM generate_series(1, 30) g");
            s.execute("INSERT INTO audit_logs (id, action) SELECT 'aud_' || g, 'team.read' FROM generate_series(1, 200) g");
            for (String table : List.of("deployments", partition)) {
                s.execute("ALTER TABLE " + table + " SET (autovacuum_enabled = false)");
            }
            s.execute("INSERT INTO deployments (id, project_name, environment, slot, status, version) SELECT 'dep_' || g,"
                    + " 'app-' || (g % 30 + 1), 'production', 'blue', 'success', 'v' || g FROM generate_series(1, " + ROWS + ") g");
            s.execute("DELETE FROM deployments WHERE substring(id FROM 5)::int % 10 <> 0");
            for (String p : List.of(partition, packed)) {
                s.execute("INSERT INTO audit_logs (id, timestamp, team_id, action) SELECT 'aud_" + p + "_' || g,"
                        + " (date_trunc('month', now() AT TIME ZONE 'UTC') + interval '" + (p.equals(partition) ? 1 : 2) + " months'"
                        + " + g * interval '1 second') AT TIME ZONE 'UTC', 'team_' || (g % 10 + 1), 'team.read'"
                        + " FROM generate_series(1, " + ROWS + ") g");
            }
            s.execute("DELETE FROM " + partition + " WHERE reverse(split_part(reverse(id), '_', 1))::int % 10 <> 0");
            s.execute("REINDEX TABLE " + packed);
            s.execute("SELECT pg_stat_force_next_flush()");
        }
        // the statistics of the deletes reach the cumulative statistics system a moment after the session ends
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            while (true) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_user_tables WHERE relname IN ('deployments', '"
                        + partition + "') AND n_dead_tup >= " + ROWS * 9 / 10)) {
                    rs.next();
                    if (rs.getLong(1) == 2) {
                        break;
                    }
                }
                if (System.nanoTime() > deadline) {
                    fail("the dead tuples never showed in pg_stat_user_tables");
                }
                Thread.sleep(100);
            }
        }
        return new Bloated(db, partition, packed);
    }

    /**
     * The service's kind of traffic on one connection, as the service runs it: short statements with a short
     * statement timeout, on project_slots, audit_logs (every partition is planned) and the bloated deployments.
     */
    private static final class Traffic {
        final AtomicInteger served = new AtomicInteger();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Traffic(String db) {
            thread = new Thread(() -> {
                try (Connection c = connect(db); Statement setup = c.createStatement()) {
                    setup.execute("SET statement_timeout = '2s'");
                    int i = 0;
                    while (running.get()) {
                        i++;
                        String project = "app-" + (i % 30 + 1);
                        query(c, "SELECT * FROM project_slots WHERE project_name = ? AND environment = 'production'", project);
                        query(c, "UPDATE project_slots SET blue_health_status = CASE blue_health_status WHEN 'healthy' THEN 'unknown'"
                                + " ELSE 'healthy' END WHERE project_name = ? AND environment = 'production'", project);
                        query(c, "INSERT INTO audit_logs (id, action, resource, resource_id) VALUES (?, 'slot.read', 'project', 'app')",
                                "aud_t" + i);
                        query(c, "SELECT id, action FROM audit_logs WHERE team_id = ? ORDER BY timestamp DESC LIMIT 20",
                                "team_" + (i % 10 + 1));
                        query(c, "SELECT id, status FROM deployments WHERE project_name = ? ORDER BY created_at DESC LIMIT 5", project);
                    }
                } catch (SQLException e) {
                    failures.add("connection: " + e.getMessage());
                }
            }, "service-traffic");
        }

        private void query(Connection c, String sql, String parameter) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, parameter);
                ps.execute();
                served.incrementAndGet();
            } catch (SQLException e) {
                failures.add(sql + ": " + e.getMessage());
            }
        }

        void start() {
            thread.start();
        }

        void awaitServing() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (served.get() < 20 && failures.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(served.get() >= 20, "the traffic runs: " + failures);
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(30_000);
        }
    }

    /** The dead-tuple column of the table the script printed under {@code title}, by table name. */
    private static Map<String, Long> deadTuples(String output, String title) {
        List<String> lines = output.lines().toList();
        int start = lines.indexOf(title);
        assertTrue(start >= 0, "a table " + title + " in\n" + output);
        assertEquals(List.of("table", "total size", "live tuples", "dead tuples"),
                Stream.of(lines.get(start + 1).split("\\|")).map(String::strip).toList());
        Map<String, Long> dead = new TreeMap<>();
        for (String line : lines.subList(start + 3, lines.size())) {
            String[] cells = line.split("\\|");
            if (cells.length != 4) {
                break;
            }
            dead.put(cells[0].strip(), Long.parseLong(cells[3].strip()));
        }
        return dead;
    }

    private static Set<String> leafTables(String db) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (Connection c = connect(db); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = 'public' AND c.relkind = 'r'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    /** The file of every index of the schema: REINDEX gives an index a new one. */
    private static Map<String, Long> indexFiles(String db) throws SQLException {
        Map<String, Long> files = new TreeMap<>();
        try (Connection c = connect(db); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT c.relname, c.relfilenode FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = 'public' AND c.relkind = 'i'")) {
            while (rs.next()) {
                files.put(rs.getString(1), rs.getLong(2));
            }
        }
        return files;
    }

    /**
     * The index files and every table's manual VACUUM and ANALYZE counts (autovacuum's are counted apart), with the
     * tuple counts of the tables autovacuum is kept off (on the others an autoanalyze may re-estimate them meanwhile).
     */
    private static String maintenanceState(Bloated b) throws SQLException {
        StringBuilder state = new StringBuilder(indexFiles(b.db()).toString());
        try (Connection c = connect(b.db()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT relname, vacuum_count, analyze_count,"
                        + " CASE WHEN relname IN ('deployments', '" + b.partition() + "') THEN n_dead_tup || '/' || n_live_tup END"
                        + " FROM pg_stat_user_tables WHERE schemaname = 'public' ORDER BY relname")) {
            while (rs.next()) {
                state.append('\n').append(rs.getString(1)).append(' ').append(rs.getLong(2)).append(' ').append(rs.getLong(3))
                        .append(' ').append(rs.getString(4));
            }
        }
        return state.toString();
    }

    private static Run script(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        // only what the test passes: never a developer's or CI's own database settings
        pb.environment().keySet().removeIf(k -> k.startsWith("CODEB_") || k.startsWith("PG") || k.startsWith("DATABASE_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("optimize-db.sh did not finish within 120 s");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static String url(String db) {
        return pg.url(db);
    }

    private static String jdbc(String db) {
        return pg.jdbcUrl(db);
    }

    private static Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(jdbc(db), pg.user(), pg.password());
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }
}
