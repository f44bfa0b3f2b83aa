package kr.codeb.control.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.codeb.control.common.Ids;
import kr.codeb.control.common.config.CodebConfig;
import kr.codeb.control.common.files.AtomicFiles;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * System keys (SPEC §4): {@code CODEB_ADMIN_KEY} and the entries of {@code api-keys.json}, both matched
 * by SHA-256. On a first start with neither, one key is generated, its hash stored (mode 0600) and the
 * plaintext printed once. The file is re-read when it changes.
 */
// a singleton, not a client proxy: called on every slot read (issue 10)
@Singleton
public class SystemKeys {

    /** One stored system key: only its hash. */
    @RegisterForReflection
    public record Entry(String id, String name, String keyHash, Instant createdAt) {
    }

    /** The file's shape: {@code {"keys": [...]}}. */
    @RegisterForReflection
    public record KeyFile(List<Entry> keys) {
    }

    static final String FILE = "api-keys.json";
    private static final Logger LOG = Logger.getLogger(SystemKeys.class);

    private final CodebConfig config;
    private final ObjectMapper json;
    private final String url;
    private volatile Map<String, Caller> byHash = Map.of();
    private volatile FileTime loadedModified;

    SystemKeys(CodebConfig config, ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.host", defaultValue = "localhost") String host,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port) {
        this.config = config;
        this.json = json;
        this.url = "http://" + ("0.0.0.0".equals(host) ? "localhost" : host) + ":" + port;
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        Path file = file();
        reload();
        if (byHash.isEmpty()) {
            String key = generate();
            Entry entry = new Entry(Ids.newId("sys"), "generated at first start", ApiKeyFormat.sha256Hex(key), Instant.now());
            write(file, new KeyFile(List.of(entry)));
            reload();
            // The one secret ever logged (SPEC §4): a newcomer needs it once, and only its hash is kept.
            LOG.infof("%n%n  CodeB Control Plane is starting at %s%n  No system key existed, so one was generated; it is shown only now"
                    + " (its hash is in %s):%n%n    %s%n%n  Try: curl -H 'Authorization: Bearer %s' %s/api/v1/teams%n",
                    url, file.toAbsolutePath(), key, key, url);
        }
    }

    /** The system caller for {@code presentedKey}, if it is a system key. */
    public Optional<Caller> match(String presentedKey) {
        return matchHash(ApiKeyFormat.sha256Hex(presentedKey));
    }

    /** As {@link #match}, given the presented key's SHA-256 (hex). */
    Optional<Caller> matchHash(String keyHash) {
        return Optional.ofNullable(byHash.get(keyHash));
    }

    @Scheduled(every = "2s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reloadIfChanged() {
        try {
            FileTime modified = Files.exists(file()) ? Files.getLastModifiedTime(file()) : null;
            if (modified == null ? loadedModified != null : !modified.equals(loadedModified)) {
                reload();
            }
        } catch (IOException e) {
            LOG.warnf("could not check %s: %s", file(), e.getMessage());
        }
    }

    synchronized void reload() {
        Map<String, Caller> keys = new HashMap<>();
        config.adminKey().ifPresent(k -> keys.put(ApiKeyFormat.sha256Hex(k), Caller.system("sys_admin", "system:admin-key")));
        Path file = file();
        FileTime modified = null;
        if (Files.exists(file)) {
            try {
                modified = Files.getLastModifiedTime(file);
                KeyFile parsed = json.readValue(file.toFile(), KeyFile.class);
                for (Entry e : parsed.keys() == null ? List.<Entry>of() : parsed.keys()) {
                    if (e.keyHash() != null && e.keyHash().matches("[0-9a-f]{64}")) {
                        keys.put(e.keyHash(), Caller.system(e.id(), "system:" + e.id()));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // keep serving the keys we had rather than locking every system key out
                LOG.errorf("could not read %s (keeping the previous system keys): %s", file, e.getMessage());
                return;
            }
        }
        byHash = Map.copyOf(keys);
        loadedModified = modified;
    }

    private void write(Path file, KeyFile content) {
        try {
            AtomicFiles.writeAtomically(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(content), true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    private Path file() {
        return config.registryDir().resolve(FILE);
    }

    private static String generate() {
        byte[] random = new byte[30];
        new SecureRandom().nextBytes(random);
        return "codeb_system_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
