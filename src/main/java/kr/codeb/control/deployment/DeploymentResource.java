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
import java.net.URI;
import kr.codeb.control.auth.Action;
import kr.codeb.control.project.Environment;
import kr.codeb.control.project.ProjectAccess;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Deploy to the idle slot, read one deployment, report its status (SPEC §5). */
// Class path /api/v1 for the reason SlotResource gives.
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Slots and deployments")
public class DeploymentResource {

    private final ProjectAccess projects;
    private final KnownDeployments known;
    private final ReleaseService releases;

    DeploymentResource(ProjectAccess projects, KnownDeployments known, ReleaseService releases) {
        this.projects = projects;
        this.known = known;
        this.releases = releases;
    }

    @POST
    @Path("projects/{name}/environments/{env}/deployments")
    @Operation(summary = "Deploy to the idle slot", description = "Takes the slot that is not active, sets it deployed and creates a "
            + "pending deployment. 409 while another deployment of this environment is pending or running, or while frozen.")
    public Uni<RestResponse<ReleaseService.Deployed>> deploy(@PathParam("name") String name, @PathParam("env") String env,
            @HeaderParam("If-Match") String ifMatch, @Valid @NotNull NewDeployment body) {
        Environment.require(env);
        return projects.require(Action.DEPLOYMENT_CREATE, name)
                .chain(g -> releases.deploy(g.grant(), g.name(), env, body, ifMatch))
                .map(d -> RestResponse.ResponseBuilder.<ReleaseService.Deployed>created(URI.create("/api/v1/deployments/" + d.deployment().id()))
                        .header("ETag", d.slot().etag()).entity(d).build());
    }

    @GET
    @Path("deployments/{id}")
    @Operation(summary = "One deployment")
    public Uni<Deployment> get(@PathParam("id") String id) {
        return known.require(id, Action.DEPLOYMENT_READ).map(KnownDeployments.Known::deployment);
    }

    @PATCH
    @Path("deployments/{id}")
    @Operation(summary = "Report a deployment's status", description = "running, then success or failed (final). With the team setting "
            + "deploymentDefaults.autoPromote, success promotes the slot in the same transaction unless the environment is frozen.")
    public Uni<Deployment> report(@PathParam("id") String id, @Valid @NotNull StatusReport body) {
        return known.require(id, Action.DEPLOYMENT_UPDATE).chain(k -> releases.report(k.granted().grant(), k.deployment(), body));
    }
}
