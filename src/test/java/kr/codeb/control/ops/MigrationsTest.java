package kr.codeb.control.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

/** Which migration failures mean "the database cannot be reached" (start degraded) rather than a broken migration (stop). */
class MigrationsTest {

    @Test
    void connectionFailuresAreUnreachable() {
        assertTrue(Migrations.unreachable(new FlywayException("x", new SQLException("refused", "08001", new ConnectException("refused")))));
        assertTrue(Migrations.unreachable(new FlywayException("x", new SQLException("gone", "08006"))));
        assertTrue(Migrations.unreachable(new RuntimeException(new java.net.UnknownHostException("db.invalid"))));
    }

    @Test
    void aBrokenMigrationIsNot() {
        assertFalse(Migrations.unreachable(new FlywayException("syntax", new SQLException("syntax error", "42601"))));
        assertFalse(Migrations.unreachable(new FlywayException("Validate failed: checksum mismatch")));
    }

    @Test
    void theShippedVersionIsTheNewestMigrationFile() throws IOException {
        // a new migration must move SHIPPED too, or a start on a database without it would skip Flyway
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            int newest = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
            assertEquals(String.valueOf(newest), Migrations.SHIPPED);
        }
    }
}
