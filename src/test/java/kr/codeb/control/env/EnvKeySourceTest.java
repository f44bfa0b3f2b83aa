package kr.codeb.control.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.configuration.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvKeySourceTest {

    @TempDir
    Path registry;

    static final String KEY = "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=";

    @Test
    void theVariableWinsEverywhere() {
        assertArrayEquals(Base64.getDecoder().decode(KEY), EnvKeySource.resolve(Optional.of(KEY), false, registry));
        assertArrayEquals(Base64.getDecoder().decode(KEY), EnvKeySource.resolve(Optional.of(KEY), true, registry));
        assertFalse(Files.exists(registry.resolve(EnvKeySource.FILE)), "no file is written when the variable is set");
    }

    @Test
    void missingInProductionStopsStartUpNamingTheVariable() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> EnvKeySource.resolve(Optional.empty(), false, registry));
        assertTrue(e.getMessage().startsWith("CODEB_ENV_ENCRYPTION_KEY is not set"), e.getMessage());
        assertFalse(Files.exists(registry.resolve(EnvKeySource.FILE)), "production never generates a key");
    }

    @Test
    void devGeneratesOnceIntoAnOwnerOnlyFileAndReusesIt() throws Exception {
        byte[] first = EnvKeySource.resolve(Optional.empty(), true, registry);
        Path file = registry.resolve(EnvKeySource.FILE);
        assertEquals(32, first.length);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertArrayEquals(first, EnvKeySource.resolve(Optional.empty(), true, registry));
        assertArrayEquals(first, Base64.getDecoder().decode(Files.readString(file).trim()));
    }

    @Test
    void aDamagedKeyFileStopsStartUp() throws Exception {
        Files.writeString(registry.resolve(EnvKeySource.FILE), "c2hvcnQ=\n");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> EnvKeySource.resolve(Optional.empty(), true, registry));
        assertTrue(e.getMessage().contains("CODEB_ENV_ENCRYPTION_KEY") && e.getMessage().contains(EnvKeySource.FILE), e.getMessage());
        assertFalse(e.getMessage().contains("c2hvcnQ"));
    }
}
