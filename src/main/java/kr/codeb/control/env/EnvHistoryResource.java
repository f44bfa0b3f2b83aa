package kr.codeb.control.env;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import kr.codeb.control.audit.Gate;
import kr.codeb.control.auth.Action;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.web.Page;
import kr.codeb.control.common.web.PageRequest;
import kr.codeb.control.common.web.RequestParams;
import kr.codeb.control.project.Environment;
import kr.codeb.control.project.ProjectAccess;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The history of a project environment's variables: versions (names only, or one version's values), diffs by name, and
 * rolling back to a version.
 */
// Class path /api/v1 for the reason SlotResource gives.
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Environment variables")
public class EnvHistoryResource {

    private static final String VARIABLES = EnvResource.VARIABLES;

    private final ProjectAccess projects;
    private final EnvService service;
    private final Gate gate;

    EnvHistoryResource(ProjectAccess projects, EnvService service, Gate gate) {
        this.projects = projects;
        this.service = service;
        this.gate = gate;
    }

    @GET
    @Path(VARIABLES + "/diff")
    @Operation(summary = "Names changed between two versions (viewer)",
            description = "added, removed and changed variable names from version from to version to; never values. Version 0 is"
                    + " the empty state before the first write.")
    @APIResponse(responseCode = "200", description = "The difference")
    @APIResponse(responseCode = "400", description = "from or to missing or not a whole number")
    @APIResponse(responseCode = "404", description = "A version, the project (or another team's) or the environment does not exist")
    public Uni<EnvViews.Diff> diff(@PathParam("name") String name, @PathParam("env") String env,
            @Parameter(description = "The older version", example = "2", required = true) @QueryParam("from") String from,
            @Parameter(description = "The newer version", example = "3", required = true) @QueryParam("to") String to) {
        Environment.require(env);
        int a = EnvRules.versionQuery("from", from);
        int b = EnvRules.versionQuery("to", to);
        Map<String, Object> params = EnvResource.readParams(env, false, null);
        params.put("from", a);
        params.put("to", b);
        return projects.require(Action.ENV_READ, name).chain(g -> {
            gate.describe(g.grant(), g.name(), params);
            return service.diff(g.name(), env, a, b);
        });
    }

    @GET
    @Path(VARIABLES + "/versions")
    @Operation(summary = "Version history (viewer)", description = "Newest first, keyset-paginated; each version with who wrote it,"
            + " when, and its variable names (never values).")
    @APIResponse(responseCode = "200", description = "One page of versions")
    @APIResponse(responseCode = "400", description = "Bad limit or cursor")
    @APIResponse(responseCode = "404", description = "No such project (or another team's), or an unknown environment")
    public Uni<Page<EnvViews.VersionSummary>> versions(@PathParam("name") String name, @PathParam("env") String env,
            @Parameter(description = "1 to 200, default 50") @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        Environment.require(env);
        PageRequest page = PageRequest.parse(limit, cursor, 1);
        if (page.after().isPresent() && !page.after().get().get(0).matches("[1-9][0-9]{0,8}")) {
            throw ApiException.invalid("cursor", "is not a cursor issued by this list");
        }
        return projects.require(Action.ENV_READ, name).chain(g -> {
            gate.describe(g.grant(), g.name(), EnvResource.readParams(env, false, null));
            return service.versions(g.name(), env, page);
        });
    }

    @GET
    @Path(VARIABLES + "/versions/{version}")
    @Operation(summary = "One version (viewer; reveal: member)", description = "Its variables, masked unless reveal=true.")
    @APIResponse(responseCode = "200", description = "The version")
    @APIResponse(responseCode = "400", description = "reveal is not true or false")
    @APIResponse(responseCode = "403", description = "reveal=true by a viewer")
    @APIResponse(responseCode = "404", description = "No such version, project (or another team's) or environment")
    public Uni<EnvViews.Version> version(@PathParam("name") String name, @PathParam("env") String env,
            @Parameter(description = "A version number", example = "3") @PathParam("version") String version,
            @Parameter(description = "Show the decrypted values (member or above)") @QueryParam("reveal") String reveal) {
        Environment.require(env);
        boolean show = RequestParams.flag("reveal", reveal);
        Integer v = EnvRules.parseVersion(version);
        return projects.require(show ? Action.ENV_REVEAL : Action.ENV_READ, name).chain(g -> {
            gate.describe(g.grant(), g.name(), EnvResource.readParams(env, show, v));
            if (v == null || v < 1) {
                throw ApiException.notFound("No env-var version " + RequestParams.shown(version) + " of " + g.name()
                        + " " + env);
            }
            return service.version(g.name(), env, v, show);
        });
    }

    @POST
    @Path(VARIABLES + "/rollback")
    @Operation(summary = "Roll the variables back to a version (member)",
            description = "Writes a new version (version + 1) whose content is that of the given version; history is never rewritten.")
    @APIResponse(responseCode = "200", description = "The new version, values masked")
    @APIResponse(responseCode = "400", description = "version missing or below 1")
    @APIResponse(responseCode = "403", description = "The key's role is below member")
    @APIResponse(responseCode = "404", description = "No such version, project (or another team's) or environment")
    @APIResponse(responseCode = "412", description = "If-Match names another version")
    public Uni<RestResponse<EnvViews.Variables>> rollback(@PathParam("name") String name, @PathParam("env") String env,
            @Parameter(in = ParameterIn.HEADER, description = "\"<version>\" from the ETag of a read", example = "\"3\"")
            @HeaderParam("If-Match") String ifMatch, EnvRequests.Rollback body) {
        Environment.require(env);
        return projects.require(Action.ENV_ROLLBACK, name).chain(g -> {
            if (body == null || body.version() == null || body.version() < 1) {
                throw ApiException.invalid("version", "is required: a version number of 1 or more");
            }
            return service.rollback(g.grant(), g.name(), env, body.version(), ifMatch);
        }).map(EnvResource::withEtag);
    }
}
