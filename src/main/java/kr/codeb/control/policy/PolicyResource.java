package kr.codeb.control.policy;

import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import kr.codeb.control.auth.Action;
import kr.codeb.control.project.Environment;
import kr.codeb.control.project.ProjectAccess;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An environment's promotion policy (SPEC §12): read viewer, replace admin. */
// Class path /api/v1: see SlotResource for why routes under /projects/{name}/… do not use a longer class path.
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Promotion gates")
public class PolicyResource {

    private static final String POLICY = "projects/{name}/environments/{env}/policy";

    private final ProjectAccess projects;
    private final PolicyService service;

    PolicyResource(ProjectAccess projects, PolicyService service) {
        this.projects = projects;
        this.service = service;
    }

    @GET
    @Path(POLICY)
    @Operation(summary = "Read an environment's promotion policy")
    public Uni<EnvironmentPolicy> get(@PathParam("name") String name, @PathParam("env") String env) {
        Environment.require(env);
        return projects.require(Action.POLICY_READ, name).chain(g -> service.get(g.name(), env));
    }

    @PUT
    @Path(POLICY)
    @Operation(summary = "Replace an environment's promotion policy (admin)", description = "A field left out takes its default: no "
            + "health check, autoPromote from the team's settings, no automatic rollback, no approvals, preventSelfApproval true.")
    public Uni<EnvironmentPolicy> put(@PathParam("name") String name, @PathParam("env") String env, @NotNull PolicyRequest body) {
        Environment.require(env);
        return projects.require(Action.POLICY_UPDATE, name).chain(g -> service.put(g.grant(), body.toPolicy(g.name(), env)));
    }
}
