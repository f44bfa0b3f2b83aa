package kr.codeb.control.project;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Function;
import kr.codeb.control.audit.Gate;
import kr.codeb.control.audit.Grant;
import kr.codeb.control.auth.Action;
import kr.codeb.control.auth.Caller;
import kr.codeb.control.common.problem.DbFailures;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.web.Degraded;
import kr.codeb.control.common.web.RequestParams;

/**
 * The gate of every {@code /projects/{name}/…} route: normalises the name (SPEC §5: {@code My_App} is {@code my-app}),
 * finds the owning team (from the {@link OwnerFallback} while the database is down) and checks the action against it.
 * An unknown or another team's project is 404.
 */
@ApplicationScoped
public class ProjectAccess {

    /** A passed check on the project {@code name} (normalised). */
    public record Granted(String name, Grant grant) {

        public Caller caller() {
            return grant.caller();
        }

        public String teamId() {
            return grant.teamId();
        }
    }

    private final ProjectOwners owners;
    private final Gate gate;
    private final OwnerFallback fallback;
    private final Degraded degraded;

    ProjectAccess(ProjectOwners owners, Gate gate, OwnerFallback fallback, Degraded degraded) {
        this.owners = owners;
        this.gate = gate;
        this.fallback = fallback;
        this.degraded = degraded;
    }

    public Uni<Granted> require(Action action, String rawName) {
        String name = ProjectNames.normalise(rawName);
        if (!ProjectNames.isValid(name)) {
            // noted as attempted on what was asked for, so the refusal is audited with its action
            return Uni.createFrom().failure(() -> {
                gate.note(action, null, rawName);
                return notFound(rawName);
            });
        }
        return owners.teamOf(name).map(Optional::ofNullable)
                // database down: the file registry knows which team owns a project that has slots
                .onFailure(DbFailures::isUnreachable).recoverWithUni(e -> fallback.teamOf(name)
                        .map(team -> {
                            degraded.mark();
                            return Uni.createFrom().item(Optional.of(team));
                        })
                        .orElseGet(() -> Uni.createFrom().failure(e)))
                .map(team -> {
                    if (team.isEmpty()) {
                        gate.note(action, null, name);
                        throw notFound(name);
                    }
                    return new Granted(name, gate.enter(action, team.get(), name, notFoundDetail(name)));
                });
    }

    /** A resource known by its own id ({@link #owned}), with the grant on the project it belongs to. */
    public record Owned<T>(T value, Granted granted) {
    }

    /**
     * The gate of a route such as {@code /deployments/{id}}: {@code find} looks the resource up by {@code id}; an
     * implausible id, one that does not exist and one of another team all answer the same 404 ({@code notFound}), then
     * the rules of its project ({@code projectOf}) apply. The attempt is audited on {@code id}.
     */
    public <T> Uni<Owned<T>> owned(Action action, String id, Function<String, Uni<T>> find, Function<T, String> projectOf,
            String notFound) {
        if (!RequestParams.isPlausibleId(id)) {
            gate.note(action, null, id);
            return Uni.createFrom().failure(ApiException.notFound(notFound));
        }
        return find.apply(id).chain(found -> {
            if (found == null) {
                gate.note(action, null, id);
                return Uni.createFrom().failure(ApiException.notFound(notFound));
            }
            return require(action, projectOf.apply(found))
                    .onFailure(ApiException.class).transform(e -> ((ApiException) e).status() == 404 ? ApiException.notFound(notFound) : e)
                    .map(g -> {
                        gate.note(action, g.teamId(), id);
                        return new Owned<>(found, g);
                    });
        });
    }

    /** The 404 of a project that does not exist or is not the caller's. */
    public static ApiException notFound(String name) {
        return ApiException.notFound(notFoundDetail(name));
    }

    public static String notFoundDetail(String name) {
        return "No project named " + RequestParams.shown(name);
    }
}
