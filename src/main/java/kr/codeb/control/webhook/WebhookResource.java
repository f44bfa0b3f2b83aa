package kr.codeb.control.webhook;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;
import java.util.function.Function;
import kr.codeb.control.audit.Gate;
import kr.codeb.control.audit.Grant;
import kr.codeb.control.auth.Action;
import kr.codeb.control.common.Cursor;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.web.Page;
import kr.codeb.control.common.web.PageRequest;
import kr.codeb.control.common.web.RequestParams;
import kr.codeb.control.team.TeamService;
import kr.codeb.control.webhook.WebhookBodies.CreatedWebhook;
import kr.codeb.control.webhook.WebhookBodies.NewWebhook;
import kr.codeb.control.webhook.WebhookBodies.Queued;
import kr.codeb.control.webhook.WebhookBodies.RotatedSecret;
import kr.codeb.control.webhook.WebhookBodies.WebhookPatch;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** A team's webhook endpoints (SPEC §10), admin only, reads too: the secret appears in the answers to create and rotate alone. */
@Path("/api/v1/teams/{teamId}/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public class WebhookResource {

    private final Gate gate;
    private final TeamService teams;
    private final WebhookRepository webhooks;
    private final WebhookService service;

    WebhookResource(Gate gate, TeamService teams, WebhookRepository webhooks, WebhookService service) {
        this.gate = gate;
        this.teams = teams;
        this.webhooks = webhooks;
        this.service = service;
    }

    @GET
    @Operation(summary = "List a team's webhooks (admin)", description = "In id order, keyset-paginated; never a secret.")
    public Uni<Page<Webhook>> list(@PathParam("teamId") String teamId, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.parse(limit, cursor, 1);
        return team(Action.WEBHOOK_LIST, teamId, null, g -> webhooks.list(teamId, page.after().map(p -> p.get(0)).orElse(null), page.fetchSize())
                .map(rows -> Page.of(rows, page.limit(), w -> Cursor.encode(w.id()))));
    }

    @POST
    @Operation(summary = "Add a webhook (admin)", description = "The answer alone carries the secret (whsec_…). An unknown event name, or a"
            + " target the address rules refuse (SPEC §10), is a 400.")
    @APIResponseSchema(value = CreatedWebhook.class, responseCode = "201", responseDescription = "Created; the answer alone carries the secret")
    public Uni<RestResponse<CreatedWebhook>> create(@PathParam("teamId") String teamId, @Valid @NotNull NewWebhook body) {
        checkEvents(body.events());
        return team(Action.WEBHOOK_CREATE, teamId, null, g -> service.create(g, teamId, body))
                .map(c -> RestResponse.ResponseBuilder.<CreatedWebhook>created(URI.create("/api/v1/teams/" + teamId + "/webhooks/"
                        + c.webhook().id())).entity(c).build());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a webhook (admin)",
            description = "Never shows the secret; disabledReason says why the service disabled it.")
    public Uni<Webhook> get(@PathParam("teamId") String teamId, @PathParam("id") String id) {
        return team(Action.WEBHOOK_READ, teamId, id, g -> webhooks.find(teamId, id).onItem().ifNull().failWith(() -> WebhookService.notFound(id)));
    }

    @PATCH
    @Path("{id}")
    @Operation(summary = "Change a webhook (admin)", description = "Absent fields stay. enabled=true re-enables a disabled webhook;"
            + " enabled=false fails its pending deliveries.")
    public Uni<Webhook> update(@PathParam("teamId") String teamId, @PathParam("id") String id, @Valid @NotNull WebhookPatch body) {
        if (body.events() != null) {
            checkEvents(body.events());
        }
        return team(Action.WEBHOOK_UPDATE, teamId, id, g -> service.update(g, teamId, id, body));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Remove a webhook and its delivery log (admin)",
            description = "Its deliveries, pending ones included, are deleted with it.")
    public Uni<RestResponse<Void>> delete(@PathParam("teamId") String teamId, @PathParam("id") String id) {
        return team(Action.WEBHOOK_DELETE, teamId, id, g -> service.delete(g, teamId, id)).map(v -> RestResponse.noContent());
    }

    @POST
    @Path("{id}/rotate-secret")
    @Operation(summary = "Rotate a webhook's secret (admin)", description = "The answer alone carries the new secret; the old one still"
            + " signs, as a second webhook-signature entry, for 24 h.")
    public Uni<RotatedSecret> rotate(@PathParam("teamId") String teamId, @PathParam("id") String id) {
        return team(Action.WEBHOOK_ROTATE, teamId, id, g -> service.rotate(g, teamId, id));
    }

    @POST
    @Path("{id}/ping")
    @Operation(summary = "Queue a webhook.ping to this webhook (admin)", description = "202; 409 while the webhook is disabled.")
    @APIResponseSchema(value = Queued.class, responseCode = "202", responseDescription = "Queued for delivery")
    public Uni<RestResponse<Queued>> ping(@PathParam("teamId") String teamId, @PathParam("id") String id) {
        return team(Action.WEBHOOK_PING, teamId, id, g -> service.ping(g, teamId, id)).map(q -> RestResponse.accepted(q));
    }

    /** The gate of every route: admin of {@code teamId} (another team's is 404), an existing team, a plausible webhook id. */
    private <T> Uni<T> team(Action action, String teamId, String id, Function<Grant, Uni<T>> work) {
        Grant grant = gate.enter(action, teamId, id, TeamService.notFoundDetail(teamId));
        if (id != null && !RequestParams.isPlausibleId(id)) {
            return Uni.createFrom().failure(WebhookService.notFound(id));
        }
        return teams.requireExisting(grant, teamId).chain(() -> work.apply(grant));
    }

    static void checkEvents(List<String> events) {
        for (String e : events) {
            if (e != null && !e.equals(EventTypes.ALL) && !EventTypes.known(e)) {
                throw ApiException.invalid("events", "unknown event " + RequestParams.shown(e) + "; known: " + String.join(", ", EventTypes.NAMES)
                        + ", or \"*\" for all");
            }
        }
    }
}
