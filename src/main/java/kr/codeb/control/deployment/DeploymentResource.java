package kr.codeb.control.deployment;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.QueryParam;
import java.net.URI;
import java.time.Duration;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.web.RequestParams;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import kr.codeb.control.auth.Action;
import kr.codeb.control.project.Environment;
import kr.codeb.control.project.ProjectAccess;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Deploy to the idle slot, read one deployment, report its status (SPEC §5). */
// Class path /api/v1 for the reason SlotResource gives.
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Slots and deployments")
public class DeploymentResource {

    private static final Duration MAX_WAIT = Duration.ofHours(1);
    private static final Duration MAX_POLL = Duration.ofSeconds(60);
    private static final Duration DEFAULT_POLL = Duration.ofSeconds(30);

    private final ProjectAccess projects;
    private final KnownDeployments known;
    private final ReleaseService releases;
    private final DeploymentWaiters waiters;

    DeploymentResource(ProjectAccess projects, KnownDeployments known, ReleaseService releases, DeploymentWaiters waiters) {
        this.projects = projects;
        this.known = known;
        this.releases = releases;
        this.waiters = waiters;
    }

    @POST
    @Path("projects/{name}/environments/{env}/deployments")
    @Operation(summary = "Deploy to the idle slot", description = "Takes the slot that is not active, sets it deployed and creates a "
            + "pending deployment (201). While another deployment of this environment is pending or running: 409, or with wait= "
            + "a queued deployment (202) that starts, in order, when the lock is free. 409 while frozen. fromDeployment "
            + "redeploys an earlier successful deployment.")
    @APIResponse(responseCode = "201", description = "Deployed to the idle slot; Location names the deployment",
            content = @Content(schema = @Schema(implementation = ReleaseService.Deployed.class)))
    @APIResponse(responseCode = "202", description = "Queued behind the deploy lock (wait=); queue tells the place",
            content = @Content(schema = @Schema(implementation = ReleaseService.Deployed.class)))
    public Uni<RestResponse<ReleaseService.Deployed>> deploy(@PathParam("name") String name, @PathParam("env") String env,
            @HeaderParam("If-Match") String ifMatch, @Valid @NotNull NewDeployment body,
            @Parameter(description = "Queue behind the deploy lock for at most this long (ISO-8601, up to PT1H): 202")
            @QueryParam("wait") String wait,
            @Parameter(description = "With wait: cancel the deployments queued before this one") @QueryParam("supersede") String supersede) {
        Environment.require(env);
        Duration waitFor = RequestParams.duration("wait", wait, MAX_WAIT);
        boolean latestWins = RequestParams.flag("supersede", supersede);
        if (latestWins && waitFor == null) {
            throw ApiException.invalid("supersede", "needs wait: only queued deployments are superseded");
        }
        return projects.require(Action.DEPLOYMENT_CREATE, name)
                .chain(g -> releases.deploy(g.grant(), g.name(), env, body, waitFor, latestWins, ifMatch))
                .map(d -> RestResponse.ResponseBuilder.<ReleaseService.Deployed>create(d.queue() == null ? 201 : 202)
                        .location(URI.create("/api/v1/deployments/" + d.deployment().id()))
                        .header("ETag", d.slot().etag()).entity(d).build());
    }

    @GET
    @Path("deployments/{id}")
    @Operation(summary = "One deployment", description = "With waitFor=final the answer comes as soon as the deployment is final, "
            + "or with its current state after timeout (default PT30S, at most PT60S); no thread waits meanwhile.")
    public Uni<Deployment> get(@PathParam("id") String id,
            @Parameter(description = "final: answer once the status is final") @QueryParam("waitFor") String waitFor,
            @Parameter(description = "ISO-8601, at most PT60S") @QueryParam("timeout") String timeout) {
        String mode = RequestParams.optional(waitFor);
        if (mode != null && !mode.equals("final")) {
            throw ApiException.invalid("waitFor", "must be final");
        }
        Duration limit = RequestParams.duration("timeout", timeout, MAX_POLL);
        Uni<Deployment> now = known.require(id, Action.DEPLOYMENT_READ).map(KnownDeployments.Known::deployment);
        return mode == null ? now : now.chain(d -> waiters.awaitFinal(d, limit == null ? DEFAULT_POLL : limit));
    }

    @PATCH
    @Path("deployments/{id}")
    @Operation(summary = "Report a deployment's status", description = "running, then success or failed (final). With the team setting "
            + "deploymentDefaults.autoPromote, success promotes the slot in the same transaction unless the environment is frozen.")
    public Uni<Deployment> report(@PathParam("id") String id, @Valid @NotNull StatusReport body) {
        return known.require(id, Action.DEPLOYMENT_UPDATE).chain(k -> releases.report(k.granted().grant(), k.deployment(), body));
    }
}
