package kr.codeb.control.deployment;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import kr.codeb.control.auth.Action;
import kr.codeb.control.project.Environment;
import kr.codeb.control.project.ProjectAccess;
import kr.codeb.control.slot.SlotAnswers;
import kr.codeb.control.slot.SlotView;
import kr.codeb.control.common.edge.EdgeView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Roll back (SPEC §5); promote, which approvals may gate, is in {@code gate}. */
// Class path /api/v1 for the reason SlotResource gives.
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Slots and deployments")
public class ReleaseResource {

    private static final String ENV = "projects/{name}/environments/{env}";

    private final ProjectAccess projects;
    private final ReleaseService releases;
    private final SlotAnswers answers;
    private final EdgeView edge;

    ReleaseResource(ProjectAccess projects, ReleaseService releases, SlotAnswers answers, EdgeView edge) {
        this.edge = edge;
        this.projects = projects;
        this.releases = releases;
        this.answers = answers;
    }

    @POST
    @Path(ENV + "/rollback")
    @Operation(summary = "Roll back to the grace slot", description = "Allowed while frozen. restoreVariables also restores the env vars "
            + "the restored deployment was created with: a new env version with that content, in the same transaction (409, and no "
            + "rollback, when the deployment recorded no env version).")
    public Uni<RestResponse<SlotView>> rollback(@PathParam("name") String name, @PathParam("env") String env,
            @HeaderParam("If-Match") String ifMatch, @Valid RollbackRequest body) {
        Environment.require(env);
        String reason = body == null || body.reason() == null ? null : body.reason().trim();
        boolean restore = body != null && Boolean.TRUE.equals(body.restoreVariables());
        return projects.require(Action.SLOT_ROLLBACK, name)
                .chain(g -> releases.rollback(g.grant(), g.name(), env, reason, restore, ifMatch))
                .chain(this::withEdge).map(answers::answer);
    }

    /** The view once the edge followed the change (at most 2 s later; SPEC §9). */
    private Uni<SlotView> withEdge(SlotView v) {
        return edge.settled(v.projectName(), v.environment()).map(v::withProxy);
    }
}
