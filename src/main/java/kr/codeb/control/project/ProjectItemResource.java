package kr.codeb.control.project;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import kr.codeb.control.audit.Gate;
import kr.codeb.control.auth.Action;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** One project by name (SPEC §5 "Projects"): read, change, delete. Another team's project is a 404. */
// Class path /api/v1 for the reason SlotResource gives.
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Projects")
public class ProjectItemResource {

    private final Gate gate;
    private final ProjectAccess access;
    private final ProjectRepository projects;
    private final ProjectService service;

    ProjectItemResource(Gate gate, ProjectAccess access, ProjectRepository projects, ProjectService service) {
        this.gate = gate;
        this.access = access;
        this.projects = projects;
        this.service = service;
    }

    @GET
    @Path("projects/{name}")
    @Operation(summary = "Read a project (viewer)",
            description = "The name is normalised first (My_App is my-app); another team's project answers 404.")
    @APIResponse(responseCode = "200", description = "The project")
    @APIResponse(responseCode = "404", description = "No such project, or another team's")
    public Uni<Project> get(@Parameter(example = "my-app") @PathParam("name") String rawName) {
        String name = ProjectNames.normalise(rawName);
        if (!ProjectNames.isValid(name)) {
            gate.note(Action.PROJECT_READ, null, rawName);
            return Uni.createFrom().failure(ProjectAccess.notFound(rawName));
        }
        gate.note(Action.PROJECT_READ, null, name);
        // one query: the project itself tells whose it is
        return projects.find(name).onItem().ifNull().failWith(() -> ProjectAccess.notFound(name))
                .invoke(project -> gate.enter(Action.PROJECT_READ, project.teamId(), name, ProjectAccess.notFoundDetail(name)));
    }

    @PATCH
    @Path("projects/{name}")
    @Operation(summary = "Change a project (member)", description = "Fields left out (or null) keep their value.")
    @APIResponse(responseCode = "200", description = "The changed project")
    @APIResponse(responseCode = "400", description = "A field is invalid (see errors)")
    @APIResponse(responseCode = "403", description = "The key's role is below member")
    @APIResponse(responseCode = "404", description = "No such project, or another team's")
    public Uni<Project> update(@Parameter(example = "my-app") @PathParam("name") String rawName, @Valid @NotNull ProjectPatch body) {
        return access.require(Action.PROJECT_UPDATE, rawName).chain(g -> service.update(g.grant(), g.name(), body));
    }

    @DELETE
    @Path("projects/{name}")
    @Operation(summary = "Delete a project with its slots, deployments, domains and variables (admin)",
            description = "Deletes in one transaction; the name becomes free for any team.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "The key's role is below admin")
    @APIResponse(responseCode = "404", description = "No such project, or another team's")
    public Uni<RestResponse<Void>> delete(@Parameter(example = "my-app") @PathParam("name") String rawName) {
        return access.require(Action.PROJECT_DELETE, rawName).chain(g -> service.delete(g.grant(), g.name()))
                .replaceWith(RestResponse.noContent());
    }
}
