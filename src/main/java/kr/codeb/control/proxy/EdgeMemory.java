package kr.codeb.control.proxy;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import kr.codeb.control.common.config.CodebConfig;
import kr.codeb.control.common.files.AtomicFiles;
import org.jboss.logging.Logger;

/**
 * What the edge needs to know, in memory: every registered domain and every environment's active port. Kept by the
 * committed-change events, refreshed whole from the database by the reconciler, and mirrored to
 * {@code ${CODEB_REGISTRY_DIR}/routes.json} (write-then-rename) so that {@code /proxy/ask} answers during an outage and
 * after a restart without the database.
 */
// a singleton, not a client proxy: called on every slot read (issue 10)
@Singleton
class EdgeMemory {

    static final String FILE = "routes.json";
    private static final Logger LOG = Logger.getLogger(EdgeMemory.class);

    private final CodebConfig config;
    private final Vertx vertx;
    private final Map<String, DesiredRoutes.Known> domains = new ConcurrentHashMap<>();
    private final Map<String, DesiredRoutes.Target> environments = new ConcurrentHashMap<>();
    // when an event last changed an entry: a whole refresh read before that moment must not undo it
    private final Map<String, Instant> touched = new ConcurrentHashMap<>();
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final AtomicBoolean writing = new AtomicBoolean();

    EdgeMemory(CodebConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    Optional<DesiredRoutes.Known> domain(String name) {
        return Optional.ofNullable(domains.get(name));
    }

    List<DesiredRoutes.Known> domainsOf(String project, String environment) {
        return domains.values().stream().filter(d -> d.projectName().equals(project) && (environment == null || d.environment().equals(environment)))
                .toList();
    }

    List<DesiredRoutes.Known> allDomains() {
        return List.copyOf(domains.values());
    }

    SortedMap<String, String> desired() {
        return DesiredRoutes.compute(domains.values(), environments, config.upstreamHost());
    }

    void putDomain(DesiredRoutes.Known d) {
        touched.put("d:" + d.domain(), Instant.now());
        domains.put(d.domain(), d);
        scheduleWrite();
    }

    void removeDomain(String name) {
        touched.put("d:" + name, Instant.now());
        domains.remove(name);
        scheduleWrite();
    }

    void putEnvironment(String project, String environment, String teamId, Integer activePort) {
        String key = DesiredRoutes.key(project, environment);
        touched.put("e:" + key, Instant.now());
        environments.put(key, new DesiredRoutes.Target(teamId, activePort));
        scheduleWrite();
    }

    /** A deleted project: its domains and environments leave; answers the domains that left. */
    List<String> removeProject(String project) {
        List<String> gone = domainsOf(project, null).stream().map(DesiredRoutes.Known::domain).toList();
        gone.forEach(this::removeDomain);
        environments.keySet().removeIf(k -> k.startsWith(project + "/"));
        scheduleWrite();
        return gone;
    }

    /** Replaces everything with {@code s}, read from the database starting at {@code readFrom}, except what events changed since. */
    void replace(ProxyRepository.Snapshot s, Instant readFrom) {
        Map<String, DesiredRoutes.Known> fresh = new ConcurrentHashMap<>();
        s.domains().forEach(d -> fresh.put(d.domain(), d));
        for (String name : List.copyOf(domains.keySet())) {
            if (!fresh.containsKey(name) && !newer("d:" + name, readFrom)) {
                domains.remove(name);
            }
        }
        fresh.forEach((name, d) -> {
            if (!newer("d:" + name, readFrom)) {
                domains.put(name, d);
            }
        });
        for (String key : List.copyOf(environments.keySet())) {
            if (!s.environments().containsKey(key) && !newer("e:" + key, readFrom)) {
                environments.remove(key);
            }
        }
        s.environments().forEach((key, t) -> {
            if (!newer("e:" + key, readFrom)) {
                environments.put(key, t);
            }
        });
        touched.values().removeIf(t -> t.isBefore(readFrom.minusSeconds(60)));
        scheduleWrite();
    }

    private boolean newer(String key, Instant readFrom) {
        Instant t = touched.get(key);
        return t != null && !t.isBefore(readFrom);
    }

    /** Reads {@code routes.json}, when there is one, at start-up: what {@code /proxy/ask} answers until the database is read. */
    void load() {
        Path file = file();
        if (!Files.exists(file)) {
            return;
        }
        try {
            JsonObject stored = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
            for (Object o : stored.getJsonArray("domains", new JsonArray())) {
                JsonObject d = (JsonObject) o;
                domains.put(d.getString("domain"), new DesiredRoutes.Known(d.getString("domain"), d.getString("teamId"),
                        d.getString("projectName"), d.getString("environment"), d.getString("status")));
                environments.putIfAbsent(DesiredRoutes.key(d.getString("projectName"), d.getString("environment")),
                        new DesiredRoutes.Target(d.getString("teamId"), d.getInteger("port")));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("ignoring unreadable %s (it is rebuilt from the database): %s", file, e.getMessage());
        }
    }

    private void scheduleWrite() {
        dirty.set(true);
        if (writing.compareAndSet(false, true)) {
            dirty.set(false);
            write().subscribe().with(ok -> written(), e -> {
                LOG.warnf("%s not written (%s); it will be on the next change", FILE, e.getMessage());
                written();
            });
        }
    }

    private void written() {
        writing.set(false);
        if (dirty.get()) {
            scheduleWrite();
        }
    }

    private Uni<Void> write() {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            JsonArray list = new JsonArray();
            domains.values().stream().sorted(java.util.Comparator.comparing(DesiredRoutes.Known::domain)).forEach(d -> {
                DesiredRoutes.Target t = environments.get(DesiredRoutes.key(d.projectName(), d.environment()));
                list.add(new JsonObject().put("domain", d.domain()).put("teamId", d.teamId()).put("projectName", d.projectName())
                        .put("environment", d.environment()).put("status", d.status()).put("port", t == null ? null : t.activePort()));
            });
            byte[] content = new JsonObject().put("version", 1).put("writtenAt", Instant.now().toString()).put("domains", list)
                    .encodePrettily().getBytes(StandardCharsets.UTF_8);
            try {
                AtomicFiles.writeAtomically(file(), content, false);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return null;
        })).replaceWithVoid();
    }

    Path file() {
        return config.registryDir().resolve(FILE);
    }
}
