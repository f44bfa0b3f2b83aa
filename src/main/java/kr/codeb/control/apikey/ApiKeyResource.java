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
import kr.codeb.control.audit.AuditContext;
import kr.codeb.control.audit.AuditLog;
import kr.codeb.control.auth.Access;
import kr.codeb.control.auth.Action;
import kr.codeb.control.auth.ApiKeyFormat;
import kr.codeb.control.auth.Authenticator;
import kr.codeb.control.auth.Caller;
import kr.codeb.control.auth.RateLimiter;
import kr.codeb.control.auth.Role;
import kr.codeb.control.common.Cursor;
import kr.codeb.control.common.Ids;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.web.Page;
import kr.codeb.control.common.web.PageRequest;
import kr.codeb.control.team.TeamRepository;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** A team's API keys: issue (plaintext shown once), list, revoke. */
@Path("/api/v1/teams/{teamId}/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "API keys")
public class ApiKeyResource {

    private static final String NO_TEAM = "No such team";

    private final Access access;
    private final ApiKeyRepository keys;
    private final TeamRepository teams;
    private final Db db;
    private final AuditLog auditLog;
    private final AuditContext audit;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;

    ApiKeyResource(Access access, ApiKeyRepository keys, TeamRepository teams, Db db, AuditLog auditLog, AuditContext audit,
            Authenticator authenticator, RateLimiter rateLimiter) {
        this.access = access;
        this.keys = keys;
        this.teams = teams;
        this.db = db;
        this.auditLog = auditLog;
        this.audit = audit;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
    }

    @GET
    @Operation(summary = "List a team's API keys (admin)", description = "Metadata only: prefix, role, expiry, last use, revocation.")
    public Uni<Page<ApiKey>> list(@PathParam("teamId") String teamId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        access.require(Action.API_KEY_LIST, teamId, NO_TEAM);
        PageRequest page = PageRequest.parse(limit, cursor, 1);
        return existingTeam(teamId).chain(() -> keys.list(teamId, page.after().map(p -> p.get(0)).orElse(null), page.fetchSize()))
                .map(rows -> Page.of(rows, page.limit(), k -> Cursor.encode(k.id())));
    }

    @POST
    @Operation(summary = "Issue an API key (admin)", description = "The response alone carries the plaintext key; a role above the caller's is refused.")
    public Uni<RestResponse<IssuedApiKey>> create(@PathParam("teamId") String teamId, @Valid @NotNull NewApiKey body) {
        Caller caller = access.require(Action.API_KEY_CREATE, teamId, NO_TEAM);
        audit.params(body);
        Role role = Role.parse(body.role()).orElseThrow();
        if (!caller.role().includes(role)) {
            throw ApiException.forbidden("A " + caller.role().wire() + " key may not issue a " + role.wire() + " key");
        }
        if (body.expiresAt() != null && !body.expiresAt().isAfter(Instant.now())) {
            throw ApiException.invalid("expiresAt", "must be in the future");
        }
        String id = Ids.newId("key");
        String plaintext = ApiKeyFormat.generate(teamId, role);
        audit.resourceId(id);
        return existingTeam(teamId)
                .chain(() -> db.inTransaction(conn -> keys.insert(conn, id, teamId, ApiKeyFormat.sha256Hex(plaintext),
                                ApiKeyFormat.prefix(plaintext), body, caller.name())
                        .call(() -> auditLog.recordInTransaction(conn))))
                .map(key -> RestResponse.ResponseBuilder.<IssuedApiKey>created(
                        URI.create("/api/v1/teams/" + teamId + "/api-keys/" + key.id()))
                        .entity(new IssuedApiKey(key, plaintext)).build());
    }

    @DELETE
    @Path("/{keyId}")
    @Operation(summary = "Revoke an API key (admin)", description = "Stops working at once on this replica, within 5 s on others.")
    public Uni<RestResponse<Void>> revoke(@PathParam("teamId") String teamId, @PathParam("keyId") String keyId) {
        Caller caller = access.require(Action.API_KEY_REVOKE, teamId, NO_TEAM);
        audit.resourceId(keyId);
        return db.inTransaction(conn -> keys.find(conn, teamId, keyId).chain(found -> {
                    ApiKey key = found.orElseThrow(() -> ApiException.notFound("No such API key"));
                    if (!caller.role().includes(key.role())) {
                        throw ApiException.forbidden("A " + caller.role().wire() + " key may not revoke a " + key.role().wire() + " key");
                    }
                    return keys.revoke(conn, keyId, caller.name()).call(() -> auditLog.recordInTransaction(conn));
                }))
                .invoke(() -> {
                    authenticator.forget(keyId);
                    rateLimiter.forget(keyId);
                })
                .map(v -> RestResponse.noContent());
    }

    private Uni<Void> existingTeam(String teamId) {
        return teams.exists(teamId).map(found -> {
            if (!found) {
                throw ApiException.notFound(NO_TEAM);
            }
            return null;
        });
    }
}
