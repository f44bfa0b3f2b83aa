package kr.codeb.control.deployment;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import kr.codeb.control.auth.Action;
import kr.codeb.control.project.Environment;
import kr.codeb.control.project.ProjectAccess;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The deploy lock and the queue behind it (SPEC §11): cancel a deployment, see who holds the lock, force it open. */
// Class path /api/v1 for the reason SlotResource gives.
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Slots and deployments")
public class DeployLockResource {

    private static final String LOCK = "projects/{name}/environments/{env}/lock";

    private final ProjectAccess projects;
    private final KnownDeployments known;
    private final ReleaseControl control;

    DeployLockResource(ProjectAccess projects, KnownDeployments known, ReleaseControl control) {
        this.projects = projects;
        this.known = known;
        this.control = control;
    }

    @POST
    @Path("deployments/{id}/cancel")
    @Operation(summary = "Cancel a deployment (member)", description = "queued, pending or running → cancelled (final). The deploy lock "
            + "is released and the next queued deployment starts; the slot it took keeps its state and cannot be promoted. "
            + "409 when the deployment already ended.")
    public Uni<Deployment> cancel(@PathParam("id") String id, @Valid CancelRequest body) {
        return known.require(id, Action.DEPLOYMENT_CANCEL)
                .chain(k -> control.cancel(k.granted().grant(), k.deployment(), CancelRequest.reasonOf(body)));
    }

    @GET
    @Path(LOCK)
    @Operation(summary = "The deploy lock (viewer)", description = "Who holds it (the pending or running deployment) and who is queued, "
            + "in the order they start.")
    public Uni<ReleaseControl.LockView> lock(@PathParam("name") String name, @PathParam("env") String env) {
        Environment.require(env);
        return projects.require(Action.DEPLOY_LOCK_READ, name).chain(g -> control.view(g.name(), env));
    }

    @DELETE
    @Path(LOCK)
    @Operation(summary = "Force the deploy lock open (admin)", description = "Cancels the holder with the reason given; the next queued "
            + "deployment starts. Answers the lock as it is then. 409 when nobody holds it.")
    public Uni<ReleaseControl.LockView> unlock(@PathParam("name") String name, @PathParam("env") String env, @Valid CancelRequest body) {
        Environment.require(env);
        return projects.require(Action.DEPLOY_LOCK_RELEASE, name)
                .chain(g -> control.unlock(g.grant(), g.name(), env, CancelRequest.reasonOf(body)).chain(d -> control.view(g.name(), env)));
    }
}
