package kr.codeb.control.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kr.codeb.control.common.config.CodebConfig;
import kr.codeb.control.common.files.AtomicFiles;
import org.jboss.logging.Logger;

/**
 * {@code journal.ndjson}: one JSON line per accepted degraded-mode transition, fsynced before the client
 * gets its answer. File access runs on worker threads, never the event loop.
 */
@ApplicationScoped
public class SlotJournal {

    static final String FILE = "journal.ndjson";
    private static final Logger LOG = Logger.getLogger(SlotJournal.class);

    private final Vertx vertx;
    private final ObjectMapper json;
    private final CodebConfig config;

    SlotJournal(Vertx vertx, ObjectMapper json, CodebConfig config) {
        this.vertx = vertx;
        this.json = json;
        this.config = config;
    }

    /** Appends {@code entry} durably (fsync) before completing. */
    public Uni<Void> append(JournalEntry entry) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            appendNow(entry);
            return null;
        })).replaceWithVoid();
    }

    synchronized void appendNow(JournalEntry entry) {
        try {
            Files.createDirectories(file().toAbsolutePath().getParent());
            byte[] line = (json.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(file(), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer buf = ByteBuffer.wrap(line);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not append to " + file(), e);
        }
    }

    /** Every entry in file order; a torn last line (a crash mid-append) is ignored. */
    public Uni<List<JournalEntry>> read() {
        return vertx.executeBlocking(Uni.createFrom().item(this::readNow));
    }

    synchronized List<JournalEntry> readNow() {
        List<JournalEntry> entries = new ArrayList<>();
        if (!Files.exists(file())) {
            return entries;
        }
        try {
            for (String line : Files.readAllLines(file(), StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    entries.add(json.readValue(line, JournalEntry.class));
                } catch (IOException e) {
                    LOG.warnf("skipping an unreadable journal line in %s: %s", file(), e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file(), e);
        }
        return entries;
    }

    /** Removes the entries with these ids (replayed), keeping any appended since. */
    public Uni<Void> remove(Set<String> ids) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            synchronized (this) {
                List<JournalEntry> rest = readNow().stream().filter(e -> !ids.contains(e.id())).toList();
                try {
                    if (rest.isEmpty()) {
                        Files.deleteIfExists(file());
                    } else {
                        StringBuilder text = new StringBuilder();
                        for (JournalEntry e : rest) {
                            text.append(json.writeValueAsString(e)).append('\n');
                        }
                        AtomicFiles.writeAtomically(file(), text.toString().getBytes(StandardCharsets.UTF_8), false);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("could not rewrite " + file(), e);
                }
            }
            return null;
        })).replaceWithVoid();
    }

    public int size() {
        return readNow().size();
    }

    Path file() {
        return config.registryDir().resolve(FILE);
    }
}
