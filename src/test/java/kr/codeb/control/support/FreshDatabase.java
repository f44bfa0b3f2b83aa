package kr.codeb.control.support;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import kr.codeb.control.common.db.EmbeddedPostgres;

/**
 * A database of its own, empty until Flyway migrates it, on the test run's embedded PostgreSQL: for a test profile
 * that must see a database other test classes have not filled (the shared one already holds their teams).
 */
public final class FreshDatabase {

    private FreshDatabase() {
    }

    /**
     * Creates {@code database} unless it exists (a profile's overrides may be asked for more than once per start) and
     * answers the properties that point the application, Flyway included, at it.
     */
    public static Map<String, String> overrides(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        // the same root EnvConfigSourceFactory uses in the test profile, so this is the run's one server (started once)
        Path root = Path.of("target", "embedded-postgres", "run-" + ProcessHandle.current().pid());
        EmbeddedPostgres.Server server = EmbeddedPostgres.start(root, true);
        String address = server.host() + ":" + server.port() + "/";
        Properties login = new Properties();
        login.setProperty("user", server.user());
        login.setProperty("password", server.password());
        // the driver itself, not DriverManager: profiles are read while tests are discovered, before any driver is registered
        try (var c = new org.postgresql.Driver().connect("jdbc:postgresql://" + address + "postgres", login);
                var check = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            check.setString(1, database);
            if (!check.executeQuery().next()) {
                try (var create = c.createStatement()) {
                    create.execute("CREATE DATABASE " + database);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database + ": " + e.getMessage(), e);
        }
        return Map.of("quarkus.datasource.reactive.url", "postgresql://" + address + database,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + address + database,
                "quarkus.datasource.username", server.user(),
                "quarkus.datasource.password", server.password());
    }
}
