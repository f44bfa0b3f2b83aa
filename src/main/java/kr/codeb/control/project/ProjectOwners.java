package kr.codeb.control.project;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Duration;
import kr.codeb.control.common.cache.ChangeFeed;
import kr.codeb.control.common.cache.ViewCache;
import kr.codeb.control.common.db.Db;

/**
 * Which team owns a project: asked by every {@code /projects/{name}/…} request, so answered from memory, the row's
 * changes (create, delete, transfer) reported by the change feed. "No such project" is remembered too: its creation
 * notifies under the same name.
 */
// a singleton, not a client proxy: called on every slot read (issue 10)
@Singleton
public class ProjectOwners {

    /** Backstop of a lost notification. */
    static final Duration TTL = Duration.ofSeconds(30);

    private final ProjectRepository projects;
    private final Db db;
    private final ViewCache<String, String> owners;

    ProjectOwners(ProjectRepository projects, Db db, ChangeFeed feed, MeterRegistry metrics) {
        this.projects = projects;
        this.db = db;
        this.owners = new ViewCache<>("project-owners", feed, TTL, true, metrics);
        feed.on("project", owners::invalidate);
    }

    /** The owning team of {@code name} (normalised) when memory knows it; null when it must be read or there is none. */
    public String known(String name) {
        return owners.peek(name);
    }

    /** The id of the team owning the project {@code name} (normalised); null when there is none. */
    public Uni<String> teamOf(String name) {
        return owners.get(name, () -> projects.teamOf(db.pool(), name));
    }
}
