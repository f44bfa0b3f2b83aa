package kr.codeb.control.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import kr.codeb.control.common.config.CodebConfig;
import kr.codeb.control.slot.SlotPair;
import kr.codeb.control.slot.SlotView;
import kr.codeb.control.slot.StoredSlots;
import org.jboss.logging.Logger;

/**
 * The file registry of SPEC §7: {@code slots.json} mirrors every project environment's slots (with the
 * owning team, for authorisation) after each committed change, written whole with write-then-rename.
 * While the database is down, slot reads are served from it.
 */
@ApplicationScoped
public class SlotRegistry {

    /** One project environment as the registry keeps it. */
    @RegisterForReflection
    public record Entry(String teamId, SlotView slots) {
    }

    /** The file's shape. */
    @RegisterForReflection
    public record RegistryFile(int version, Instant writtenAt, List<Entry> slots) {
    }

    static final String FILE = "slots.json";
    private static final Logger LOG = Logger.getLogger(SlotRegistry.class);

    private final Pool pool;
    private final Vertx vertx;
    private final ObjectMapper json;
    private final CodebConfig config;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final AtomicBoolean writing = new AtomicBoolean();

    SlotRegistry(Pool pool, Vertx vertx, ObjectMapper json, CodebConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.json = json;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        Path file = file();
        if (Files.exists(file)) {
            try {
                RegistryFile stored = json.readValue(file.toFile(), RegistryFile.class);
                stored.slots().forEach(e -> entries.put(key(e.slots().projectName(), e.slots().environment()), e));
            } catch (IOException | RuntimeException e) {
                LOG.warnf("ignoring unreadable %s (it is rebuilt from the database): %s", file, e.getMessage());
            }
        }
        changed();
    }

    private static String key(String project, String env) {
        return project + "\u0000" + env;
    }

    /** The slots of a project environment as last mirrored. */
    public Optional<Entry> find(String project, String env) {
        return Optional.ofNullable(entries.get(key(project, env)));
    }

    /** The team owning {@code project}, as last mirrored. */
    public Optional<String> teamOf(String project) {
        return entries.values().stream().filter(e -> e.slots().projectName().equals(project)).map(Entry::teamId).findFirst();
    }

    /** Every mirrored project environment of {@code teamId} (null: all), in (project, environment) order. */
    public List<Entry> list(String teamId) {
        return entries.values().stream().filter(e -> teamId == null || teamId.equals(e.teamId()))
                .sorted(Comparator.comparing((Entry e) -> e.slots().projectName()).thenComparing(e -> e.slots().environment()))
                .toList();
    }

    /** A committed slot change: mirror the database into slots.json (coalesced: at most one write at a time, none lost). */
    public void changed() {
        dirty.set(true);
        if (writing.compareAndSet(false, true)) {
            dirty.set(false);
            mirror().subscribe().with(ok -> done(), e -> {
                LOG.debugf("slots.json not refreshed (%s); it will be on the next change", e.getMessage());
                done();
            });
        }
    }

    private void done() {
        writing.set(false);
        if (dirty.get()) {
            changed();
        }
    }

    private Uni<Void> mirror() {
        return pool.query("SELECT p.team_id, s.* FROM project_slots s JOIN projects p ON p.name = s.project_name").execute()
                .map(rows -> {
                    List<Entry> all = new ArrayList<>();
                    rows.forEach(r -> {
                        StoredSlots s = kr.codeb.control.slot.SlotRepository.from(r);
                        all.add(new Entry(r.getString("team_id"), SlotView.of(s.projectName(), s.environment(), s.pair(), s.updatedAt(), null)));
                    });
                    return all;
                })
                .chain(all -> {
                    entries.clear();
                    all.forEach(e -> entries.put(key(e.slots().projectName(), e.slots().environment()), e));
                    return write();
                });
    }

    /** Records a transition accepted while the database is down (journaled), so reads show it at once. */
    public Uni<Void> applyDegraded(String teamId, String project, String env, SlotPair pair) {
        entries.put(key(project, env), new Entry(teamId, SlotView.of(project, env, pair, Instant.now(), null)));
        return write();
    }

    private Uni<Void> write() {
        RegistryFile content = new RegistryFile(1, Instant.now(), list(null));
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            try {
                RegistryFiles.writeAtomically(file(), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(content), false);
                return null;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        })).replaceWithVoid();
    }

    Path file() {
        return config.registryDir().resolve(FILE);
    }
}
