package kr.codeb.control.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import kr.codeb.control.common.config.CodebConfig;
import kr.codeb.control.common.db.DatabaseStatus;
import kr.codeb.control.common.files.AtomicFiles;
import kr.codeb.control.project.ProjectDeleted;
import kr.codeb.control.slot.SlotPair;
import kr.codeb.control.slot.SlotRepository;
import kr.codeb.control.slot.SlotView;
import kr.codeb.control.slot.SlotsChanged;
import org.jboss.logging.Logger;

/**
 * The file registry of SPEC §7: {@code slots.json} mirrors every project environment's slots (with the owning team, for
 * authorisation), written whole with write-then-rename. It is filled from the database once at start-up and then kept
 * by the committed views of {@link SlotsChanged} events, one entry at a time. While the database is down, slot reads are
 * served from it.
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

    private final SlotRepository repository;
    private final Vertx vertx;
    private final ObjectMapper json;
    private final CodebConfig config;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final AtomicBoolean writing = new AtomicBoolean();
    private volatile boolean servable;

    SlotRegistry(SlotRepository repository, Vertx vertx, ObjectMapper json, CodebConfig config) {
        this.repository = repository;
        this.vertx = vertx;
        this.json = json;
        this.config = config;
    }

    // before the migrations (priority 1), which ask whether this replica could serve from the file during an outage
    void loadFile(@Observes @Priority(0) StartupEvent event) {
        Path file = file();
        if (Files.exists(file)) {
            try {
                RegistryFile stored = json.readValue(file.toFile(), RegistryFile.class);
                stored.slots().forEach(e -> entries.put(key(e.slots().projectName(), e.slots().environment()), e));
                servable = true;
            } catch (IOException | RuntimeException e) {
                LOG.warnf("ignoring unreadable %s (it is rebuilt from the database): %s", file, e.getMessage());
            }
        }
    }

    void onStart(@Observes StartupEvent event) {
        refresh();
    }

    /** The database is usable again (perhaps for the first time since start-up): catch up with what others changed. */
    void onRecovered(@ObservesAsync DatabaseStatus.Recovered event) {
        refresh();
    }

    /**
     * Reads the whole table (at start-up and after an outage only: otherwise every committed change arrives as an event);
     * an event that arrives while this read runs is newer than what the read returns for it.
     */
    private void refresh() {
        Instant readFrom = Instant.now();
        repository.all().subscribe().with(rows -> {
            Set<String> stored = new HashSet<>();
            rows.forEach(s -> {
                stored.add(key(s.projectName(), s.environment()));
                Entry known = entries.get(key(s.projectName(), s.environment()));
                if (known == null || known.slots().updatedAt() == null || s.updatedAt() == null
                        || !known.slots().updatedAt().isAfter(s.updatedAt())) {
                    put(s.teamId(), SlotView.of(s.projectName(), s.environment(), s.pair(), s.updatedAt(), null));
                }
            });
            entries.entrySet().removeIf(e -> !stored.contains(e.getKey())
                    && (e.getValue().slots().updatedAt() == null || e.getValue().slots().updatedAt().isBefore(readFrom)));
            scheduleWrite();
        }, e -> LOG.infof("slots.json not refreshed from the database at start-up (%s); serving what it holds", e.getMessage()));
    }

    /** A committed change: that one entry is replaced and the file rewritten. */
    void onChanged(@Observes SlotsChanged changed) {
        SlotView v = changed.view();
        put(changed.teamId(), SlotView.of(v.projectName(), v.environment(), new SlotPair(v.activeSlot(), v.blue(), v.green(),
                v.graceExpiresAt()), v.updatedAt(), null));
        scheduleWrite();
    }

    /** A deleted project's environments leave the registry. */
    void onDeleted(@Observes ProjectDeleted deleted) {
        if (entries.values().removeIf(e -> e.slots().projectName().equals(deleted.name()))) {
            scheduleWrite();
        }
    }

    private void put(String teamId, SlotView view) {
        entries.put(key(view.projectName(), view.environment()), new Entry(teamId, view));
    }

    private static String key(String project, String env) {
        return project + "\u0000" + env;
    }

    /** Whether this replica can serve degraded reads: the registry was read from its file or written since start-up. */
    public boolean servable() {
        return servable;
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

    /** Records a transition accepted while the database is down (journaled), so reads show it at once; answers its view. */
    public Uni<SlotView> applyDegraded(String teamId, String project, String env, SlotPair pair) {
        SlotView view = SlotView.of(project, env, pair, Instant.now(), null);
        put(teamId, view);
        return write().replaceWith(view);
    }

    /** Rewrites the file, coalesced: at most one write at a time, and none of the changes meanwhile lost. */
    private void scheduleWrite() {
        dirty.set(true);
        if (writing.compareAndSet(false, true)) {
            dirty.set(false);
            write().subscribe().with(ok -> written(), e -> {
                LOG.warnf("slots.json not written (%s); it will be on the next change", e.getMessage());
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
            RegistryFile content = new RegistryFile(1, Instant.now(), list(null));
            try {
                AtomicFiles.writeAtomically(file(), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(content), false);
                servable = true;
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        })).replaceWithVoid();
    }

    public Path file() {
        return config.registryDir().resolve(FILE);
    }
}
