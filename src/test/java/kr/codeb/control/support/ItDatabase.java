package kr.codeb.control.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import kr.codeb.control.common.db.EmbeddedPostgres;

/**
 * The database of the {@code @QuarkusIntegrationTest} suites: the packaged application (jar or native binary) has no
 * embedded PostgreSQL of its own, so the test run starts one (the server the other *IT classes use) and hands the
 * launched application a database of its own on it. {@link Fixtures#pool()} reaches the same database.
 */
public class ItDatabase implements QuarkusTestResourceLifecycleManager {

    static final String DATABASE = "it_http";
    /** System properties of the test JVM through which {@link Fixtures} finds the database without a CDI container. */
    static final String URL = "codeb.it.db.url";
    static final String USER = "codeb.it.db.user";
    static final String PASSWORD = "codeb.it.db.password";

    @Override
    public Map<String, String> start() {
        EmbeddedPostgres.Server server = EmbeddedPostgres.start(Path.of("target", "it-postgres"), true);
        try (var c = DriverManager.getConnection(server.jdbcUrl(server.database()), server.user(), server.password());
                var check = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            check.setString(1, DATABASE);
            if (!check.executeQuery().next()) {
                c.createStatement().execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + DATABASE + ": " + e.getMessage(), e);
        }
        String reactive = "postgresql://" + server.host() + ":" + server.port() + "/" + DATABASE;
        System.setProperty(URL, reactive);
        System.setProperty(USER, server.user());
        System.setProperty(PASSWORD, server.password());
        return Map.of("quarkus.datasource.reactive.url", reactive,
                "quarkus.datasource.jdbc.url", server.jdbcUrl(DATABASE),
                "quarkus.datasource.username", server.user(),
                "quarkus.datasource.password", server.password(),
                // not the @QuarkusTest suites' directory: that one mirrors their database, not this one
                "codeb.registry-dir", Path.of("target", "it-http", "registry").toAbsolutePath().toString());
    }

    @Override
    public void stop() {
        Fixtures.closeStandalonePool();
    }
}
