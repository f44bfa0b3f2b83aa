package kr.codeb.control.env;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import kr.codeb.control.audit.Gate;
import kr.codeb.control.auth.Action;
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
 * Versioned, encrypted env variables of a project environment (SPEC §5 "Environment variables"). Viewers read
 * names and masked values; members reveal, write and roll back.
 */
// Class path /api/v1 for the reason SlotResource gives.
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Environment variables")
public class EnvResource {

    static final String VARIABLES = "projects/{name}/environments/{env}/variables";

    private final ProjectAccess projects;
    private final EnvService service;
    private final Gate gate;

    EnvResource(ProjectAccess projects, EnvService service, Gate gate) {
        this.projects = projects;
        this.service = service;
        this.gate = gate;
    }

    @GET
    @Path(VARIABLES)
    @Operation(summary = "Current variables (viewer; reveal: member)",
            description = "Values read \"********\" unless reveal=true. An environment never written is version 0 with no variables."
                    + " The ETag header (\"<version>\") is for If-Match on writes.")
    @APIResponse(responseCode = "200", description = "The current version")
    @APIResponse(responseCode = "400", description = "reveal is not true or false")
    @APIResponse(responseCode = "403", description = "reveal=true by a viewer")
    @APIResponse(responseCode = "404", description = "No such project (or another team's), or an unknown environment")
    public Uni<RestResponse<EnvViews.Variables>> read(@PathParam("name") String name, @PathParam("env") String env,
            @Parameter(description = "Show the decrypted values (member or above)") @QueryParam("reveal") String reveal) {
        Environment.require(env);
        boolean show = RequestParams.flag("reveal", reveal);
        return projects.require(show ? Action.ENV_REVEAL : Action.ENV_READ, name).chain(g -> {
            gate.describe(g.grant(), g.name(), readParams(env, show, null));
            return service.read(g.name(), env, show);
        }).map(EnvResource::withEtag);
    }

    @PUT
    @Path(VARIABLES)
    @Operation(summary = "Replace every variable (member)",
            description = "The body's variables become the next version (version + 1); names absent from it are removed."
                    + " Names match ^[A-Z_][A-Z0-9_]*$; values are strings of at most 32 KiB; at most 500 variables.")
    @APIResponse(responseCode = "200", description = "The new version, values masked")
    @APIResponse(responseCode = "400", description = "Invalid names, values or count (see errors)")
    @APIResponse(responseCode = "403", description = "The key's role is below member")
    @APIResponse(responseCode = "404", description = "No such project (or another team's), or an unknown environment")
    @APIResponse(responseCode = "412", description = "If-Match names another version")
    public Uni<RestResponse<EnvViews.Variables>> replace(@PathParam("name") String name, @PathParam("env") String env,
            @Parameter(in = ParameterIn.HEADER, description = "\"<version>\" from the ETag of a read", example = "\"3\"")
            @HeaderParam("If-Match") String ifMatch, EnvRequests.Replace body) {
        Environment.require(env);
        EnvRules rules = new EnvRules();
        if (body == null || body.variables() == null) {
            rules.error("variables", "is required: an object of name to value ({} removes every variable)");
        }
        Map<String, String> values = rules.variables("variables", body == null ? null : body.variables());
        return projects.require(Action.ENV_WRITE, name).chain(g -> {
            rules.throwIfAny();
            return service.replace(g.grant(), g.name(), env, values, ifMatch);
        }).map(EnvResource::withEtag);
    }

    @PATCH
    @Path(VARIABLES)
    @Operation(summary = "Set and unset variables (member)",
            description = "Merges into the current version to make the next one: set adds or overwrites, unset removes. Unsetting a"
                    + " name that is not set is ignored (the outcome, its absence, holds). A name may not be in both.")
    @APIResponse(responseCode = "200", description = "The new version, values masked")
    @APIResponse(responseCode = "400", description = "Invalid names or values, nothing to change, or the result over 500 variables")
    @APIResponse(responseCode = "403", description = "The key's role is below member")
    @APIResponse(responseCode = "404", description = "No such project (or another team's), or an unknown environment")
    @APIResponse(responseCode = "412", description = "If-Match names another version")
    public Uni<RestResponse<EnvViews.Variables>> patch(@PathParam("name") String name, @PathParam("env") String env,
            @Parameter(in = ParameterIn.HEADER, description = "\"<version>\" from the ETag of a read", example = "\"3\"")
            @HeaderParam("If-Match") String ifMatch, EnvRequests.Patch body) {
        Environment.require(env);
        EnvRules rules = new EnvRules();
        Map<String, String> set = rules.variables("set", body == null ? null : body.set());
        Set<String> unset = rules.names("unset", body == null ? null : body.unset());
        if (body == null || (body.set() == null && body.unset() == null)) {
            rules.error("set", "set or unset is required");
        }
        for (String both : unset) {
            if (set.containsKey(both)) {
                rules.error("unset", both + " is also in set");
            }
        }
        return projects.require(Action.ENV_WRITE, name).chain(g -> {
            rules.throwIfAny();
            return service.patch(g.grant(), g.name(), env, set, unset, ifMatch);
        }).map(EnvResource::withEtag);
    }

    static RestResponse<EnvViews.Variables> withEtag(EnvViews.Variables v) {
        return RestResponse.ResponseBuilder.ok(v).header("ETag", v.etag()).build();
    }

    /** The params of a read's audit row: which environment, and whether values were revealed. */
    static Map<String, Object> readParams(String env, boolean reveal, Integer version) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("environment", env);
        if (reveal) {
            params.put("reveal", true);
        }
        if (version != null) {
            params.put("version", version);
        }
        return params;
    }
}
