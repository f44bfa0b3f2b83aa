package kr.codeb.control.apikey;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Instant;
import kr.codeb.control.audit.Gate;
import kr.codeb.control.audit.Grant;
import kr.codeb.control.auth.Action;
import kr.codeb.control.auth.ApiKey;
import kr.codeb.control.auth.Role;
import kr.codeb.control.common.Cursor;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.web.Page;
import kr.codeb.control.common.web.PageRequest;
import kr.codeb.control.team.TeamService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** A team's API keys: issue (plaintext shown once), list, revoke. */
@Path("/api/v1/teams/{teamId}/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "API keys")
public class ApiKeyResource {

    private final Gate gate;
    private final ApiKeyRepository keys;
    private final ApiKeyService service;
    private final TeamService teams;

    ApiKeyResource(Gate gate, ApiKeyRepository keys, ApiKeyService service, TeamService teams) {
        this.gate = gate;
        this.keys = keys;
        this.service = service;
        this.teams = teams;
    }

    @GET
    @Operation(summary = "List a team's API keys (admin)", description = "Metadata only: prefix, role, expiry, last use, revocation.")
    public Uni<Page<ApiKey>> list(@PathParam("teamId") String teamId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        Grant grant = gate.enter(Action.API_KEY_LIST, teamId, TeamService.notFoundDetail(teamId));
        PageRequest page = PageRequest.parse(limit, cursor, 1);
        return teams.requireExisting(grant, teamId)
                .chain(() -> keys.list(teamId, page.after().map(p -> p.get(0)).orElse(null), page.fetchSize()))
                .map(rows -> Page.of(rows, page.limit(), k -> Cursor.encode(k.id())));
    }

    @POST
    @Operation(summary = "Issue an API key (admin)", description = "The response alone carries the plaintext key; a role above the caller's is refused.")
    @APIResponseSchema(value = IssuedApiKey.class, responseCode = "201", responseDescription = "Issued; Location names the key")
    public Uni<RestResponse<IssuedApiKey>> create(@PathParam("teamId") String teamId, @Valid @NotNull NewApiKey body) {
        Grant grant = gate.enter(Action.API_KEY_CREATE, teamId, TeamService.notFoundDetail(teamId));
        Role role = Role.parse(body.role()).orElseThrow();
        if (body.expiresAt() != null && !body.expiresAt().isAfter(Instant.now())) {
            throw ApiException.invalid("expiresAt", "must be in the future");
        }
        return teams.requireExisting(grant, teamId).chain(() -> service.issue(grant, teamId, body, role))
                .map(issued -> RestResponse.ResponseBuilder.<IssuedApiKey>created(
                        URI.create("/api/v1/teams/" + teamId + "/api-keys/" + issued.apiKey().id())).entity(issued).build());
    }

    @DELETE
    @Path("/{keyId}")
    @Operation(summary = "Revoke an API key (admin)", description = "Stops working at once on this replica, within 5 s on others.")
    public Uni<RestResponse<Void>> revoke(@PathParam("teamId") String teamId, @PathParam("keyId") String keyId) {
        Grant grant = gate.enter(Action.API_KEY_REVOKE, teamId, keyId, TeamService.notFoundDetail(teamId));
        return service.revoke(grant, teamId, keyId).map(v -> RestResponse.noContent());
    }
}
