package kr.codeb.control.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import kr.codeb.control.common.db.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * scripts/backup-db.sh and scripts/restore-db.sh against a real PostgreSQL 15 holding the service's own schema (the
 * Flyway migrations: partitioned audit_logs, triggers, functions) and rows in every kind of table.
 */
class BackupRestoreTest {

    private static final Path SCRIPTS = Path.of("scripts");
    private static EmbeddedPostgres.Server pg;

    /** The result of running a script: exit code and everything it printed. */
    record Run(int exit, String output) {
    }

    @BeforeAll
    static void server() {
        for (String tool : List.of("pg_dump", "pg_restore", "psql")) {
            if (!onPath(tool)) {
                fail(tool + " is not installed: the backup scripts need the PostgreSQL 15 client tools"
                        + " (Debian/Ubuntu: apt-get install postgresql-client; .ci/run installs them)");
            }
        }
        pg = EmbeddedPostgres.start(Path.of("target", "backup-pg"), true);
    }

    @Test
    void backupThenRestoreIntoARecreatedDatabaseBringsBackEveryRow() throws Exception {
        String db = filledDatabase();
        Map<String, Long> before = counts(db);
        Path dir = backupDir();

        Run backup = script("backup-db.sh", Map.of("DATABASE_URL", url(db)), dir.toString());
        assertEquals(0, backup.exit(), backup.output());
        assertFalse(backup.output().contains(pg.password()), "the password is never printed");
        List<Path> dumps = dumps(dir);
        assertEquals(1, dumps.size(), dumps.toString());
        Path dump = dumps.get(0);
        assertTrue(dump.getFileName().toString().matches("codeb-" + db + "-\\d{8}T\\d{6}\\.\\d{3}Z\\.dump"), dump.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dump)));
        assertTrue(Files.readString(Path.of(dump + ".counts")).contains("public\tteams\t25"));

        admin("DROP DATABASE " + db);
        admin("CREATE DATABASE " + db);
        Run restore = script("restore-db.sh", dbVariables(db), dump.toString());
        assertEquals(0, restore.exit(), restore.output());
        assertFalse(restore.output().contains(pg.password()), "the password is never printed");
        assertEquals(before, counts(db));
        assertEquals(1L, before.get("public.audit_logs_default"), "the row of 2001 lives in the DEFAULT partition");
        assertTrue(before.get("public.flyway_schema_history") >= 7, "the migration history comes back too");
    }

    @Test
    void countsMatchTheDumpWhileTheServiceKeepsWriting() throws Exception {
        String db = filledDatabase();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        Thread writer = new Thread(() -> {
            try (Connection c = connect(db); Statement s = c.createStatement()) {
                while (writing.get()) {
                    s.execute("INSERT INTO audit_logs (id, action) VALUES ('aud_w" + written.incrementAndGet() + "', 'probe.write')");
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        Path dir = backupDir();
        Run backup;
        try {
            backup = script("backup-db.sh", Map.of("DATABASE_URL", url(db)), dir.toString());
        } finally {
            writing.set(false);
            writer.join();
        }
        assertEquals(0, backup.exit(), backup.output());
        assertTrue(written.get() > 0, "rows were written during the backup");

        String copy = "restored_" + unique();
        admin("CREATE DATABASE " + copy);
        Run restore = script("restore-db.sh", Map.of("DATABASE_URL", url(copy)), dumps(dir).get(0).toString());
        assertEquals(0, restore.exit(), "the counts were taken in the dump's own snapshot: " + restore.output());
    }

    @Test
    void aNonSuperuserRestoresWithoutWarningsAndTheRestoredTablesGetStatistics() throws Exception {
        String db = filledDatabase();
        Path dir = backupDir();
        assertEquals(0, script("backup-db.sh", Map.of("DATABASE_URL", url(db)), dir.toString()).exit());
        Path dump = dumps(dir).get(0);

        // like an operator's app user: owns its (empty) database, may not touch the system catalogs
        String role = "operator_" + unique();
        String secret = "op-secret-" + unique();
        admin("CREATE ROLE " + role + " LOGIN NOSUPERUSER PASSWORD '" + secret + "'");
        String copy = "restored_" + unique();
        admin("CREATE DATABASE " + copy + " OWNER " + role);
        String asOperator = "postgresql://" + role + ":" + secret + "@" + pg.host() + ":" + pg.port() + "/" + copy;

        Run restore = script("restore-db.sh", Map.of("DATABASE_URL", asOperator), dump.toString());
        assertEquals(0, restore.exit(), restore.output());
        assertTrue(restore.output().contains("restored and verified"), restore.output());
        assertFalse(restore.output().contains("WARNING"), "no WARNING line: " + restore.output());
        assertFalse(restore.output().contains(secret), "the password is never printed");
        assertEquals(counts(db), counts(copy));

        // the restore still analyzes what it restored: every table that holds rows, and the partitioned audit_logs as
        // a whole (the statistics the planner uses for queries on the parent)
        try (Connection c = connect(copy); Statement s = c.createStatement()) {
            for (Map.Entry<String, Long> table : counts(copy).entrySet()) {
                if (table.getValue() == 0) {
                    continue;
                }
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stats WHERE NOT inherited"
                        + " AND format('%I.%I', schemaname, tablename) = '" + table.getKey() + "'")) {
                    rs.next();
                    assertTrue(rs.getLong(1) > 0, table.getKey() + " has planner statistics");
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stats WHERE inherited AND tablename = 'audit_logs'")) {
                rs.next();
                assertTrue(rs.getLong(1) > 0, "audit_logs as a whole has planner statistics");
            }
        }
    }

    @Test
    void restoreRefusesADatabaseThatIsNotEmptyUnlessForced() throws Exception {
        String db = filledDatabase();
        Path dir = backupDir();
        assertEquals(0, script("backup-db.sh", Map.of("DATABASE_URL", url(db)), dir.toString()).exit());
        Path dump = dumps(dir).get(0);
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            s.execute("INSERT INTO teams (id, name, slug, owner) VALUES ('team_after_backup', 'Later', 'later', 'l@x.io')");
        }
        Map<String, Long> changed = counts(db);

        Run refused = script("restore-db.sh", Map.of("DATABASE_URL", url(db)), dump.toString());
        assertNotEquals(0, refused.exit());
        assertTrue(refused.output().contains("is not empty"), refused.output());
        assertEquals(changed, counts(db), "a refused restore changes nothing");

        Run forced = script("restore-db.sh", Map.of("DATABASE_URL", url(db)), "--force", dump.toString());
        assertEquals(0, forced.exit(), forced.output());
        assertEquals(changed.get("public.teams") - 1, counts(db).get("public.teams"));
    }

    @Test
    void restoreWhoseCountsDifferFailsAndRollsBack() throws Exception {
        String db = filledDatabase();
        Path dir = backupDir();
        assertEquals(0, script("backup-db.sh", Map.of("DATABASE_URL", url(db)), dir.toString()).exit());
        Path dump = dumps(dir).get(0);
        Path counts = Path.of(dump + ".counts");
        Files.writeString(counts, Files.readString(counts).replace("public\tteams\t25", "public\tteams\t26"));

        String copy = "restored_" + unique();
        admin("CREATE DATABASE " + copy);
        Run restore = script("restore-db.sh", Map.of("DATABASE_URL", url(copy)), dump.toString());
        assertNotEquals(0, restore.exit());
        assertTrue(restore.output().contains("public.teams: 25 rows, expected 26"), restore.output());
        assertEquals(Map.of(), counts(copy), "the failed restore was rolled back");
    }

    @Test
    void keepPrunesAllButTheNewestBackups() throws Exception {
        String db = filledDatabase();
        Path dir = backupDir();
        for (int i = 0; i < 4; i++) {
            Map<String, String> env = Map.of("DATABASE_URL", url(db), "CODEB_BACKUP_DIR", dir.toString());
            Run run = script("backup-db.sh", env, "--keep", "2");
            assertEquals(0, run.exit(), run.output());
        }
        List<Path> dumps = dumps(dir);
        assertEquals(2, dumps.size(), dumps.toString());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(4, files.count(), "each kept dump has its counts, pruned ones took theirs along");
        }
    }

    @Test
    void failedBackupLeavesNothingAndDoesNotPrintThePassword() throws Exception {
        String db = filledDatabase();
        Path dir = backupDir();
        String wrong = "wrong-secret-" + unique();
        Run run = script("backup-db.sh", Map.of("DATABASE_URL", "postgresql://" + pg.user() + ":" + wrong + "@127.0.0.1:" + pg.port()
                + "/" + db), dir.toString());
        assertNotEquals(0, run.exit());
        assertFalse(run.output().contains(wrong), run.output());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
        Run missing = script("restore-db.sh", dbVariables(db), dir.resolve("no-such.dump").toString());
        assertNotEquals(0, missing.exit());
    }

    @Test
    void bothScriptsExplainThemselves() throws Exception {
        for (String name : List.of("backup-db.sh", "restore-db.sh")) {
            Run help = script(name, Map.of(), "--help");
            assertEquals(0, help.exit(), help.output());
            assertTrue(help.output().startsWith("Usage: " + name), help.output());
            String text = Files.readString(SCRIPTS.resolve(name));
            assertTrue(text.contains("set -euo pipefail"), name);
        }
        assertNotEquals(0, script("backup-db.sh", Map.of(), "--keep", "0", "somewhere").exit());
    }

    // ------------------------------------------------------------------------------------------------------------

    /** A new database migrated by the service's own Flyway migrations, with rows in the main tables and the audit log. */
    private static String filledDatabase() throws SQLException {
        String db = "backup_" + unique();
        admin("CREATE DATABASE " + db);
        Flyway.configure().dataSource(jdbc(db), pg.user(), pg.password()).locations("classpath:db/migration").load().migrate();
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            s.execute("INSERT INTO teams (id, name, slug, owner, settings) SELECT 'team_' || g, 'Team ' || g, 'team-' || g,"
                    + " 'owner' || g || '@example.com', '{\"deploymentDefaults\": {\"autoPromote\": true}}' FROM generate_series(1, 25) g");
            s.execute("INSERT INTO team_members (id, team_id, email, role) SELECT 'mem_' || g, 'team_' || (g % 25 + 1),"
                    + " 'm' || g || '@example.com', 'member' FROM generate_series(1, 40) g");
            s.execute("INSERT INTO projects (name, team_id) SELECT 'app-' || g, 'team_' || (g % 25 + 1) FROM generate_series(1, 60) g");
            s.execute("INSERT INTO api_keys (id, key_hash, key_prefix, name, team_id, role) SELECT 'key_' || g, md5('k' || g) || md5('h' || g),"
                    + " 'codeb_team_' || g, 'key ' || g, 'team_' || (g % 25 + 1), 'viewer' FROM generate_series(1, 30) g");
            s.execute("INSERT INTO audit_logs (id, timestamp, action, success) SELECT 'aud_' || g, now() - g * interval '1 minute',"
                    + " 'team.read', true FROM generate_series(1, 300) g");
            s.execute("INSERT INTO audit_logs (id, timestamp, action) VALUES ('aud_old', '2001-01-01T00:00:00Z', 'team.read')");
        }
        return db;
    }

    /** Exact row counts of every ordinary table (partitions each on their own), as the scripts count them. */
    private static Map<String, Long> counts(String db) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM ONLY " + table)) {
                    rs.next();
                    out.put(table, rs.getLong(1));
                }
            }
        }
        return out;
    }

    private static Run script(String name, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPTS.resolve(name).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        // only what the test passes: never a developer's or CI's own database settings
        pb.environment().keySet().removeIf(k -> k.startsWith("CODEB_") || k.startsWith("PG") || k.startsWith("DATABASE_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(name + " did not finish within 120 s");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static Map<String, String> dbVariables(String db) {
        return Map.of("CODEB_DB_HOST", pg.host(), "CODEB_DB_PORT", String.valueOf(pg.port()), "CODEB_DB_NAME", db,
                "CODEB_DB_USER", pg.user(), "CODEB_DB_PASSWORD", pg.password());
    }

    private static List<Path> dumps(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".dump")).sorted().toList();
        }
    }

    private static Path backupDir() throws IOException {
        return Files.createDirectories(Path.of("target", "backups", unique()));
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
