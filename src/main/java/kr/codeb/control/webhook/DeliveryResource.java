package kr.codeb.control.webhook;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import kr.codeb.control.audit.Gate;
import kr.codeb.control.audit.Grant;
import kr.codeb.control.auth.Action;
import kr.codeb.control.common.Cursor;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.web.Page;
import kr.codeb.control.common.web.PageRequest;
import kr.codeb.control.common.web.RequestParams;
import kr.codeb.control.team.TeamService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** A webhook's delivery log (SPEC §10): filtered lists, one delivery with its body and last answer, redeliver. Admin only. */
@Path("/api/v1/teams/{teamId}/webhooks/{id}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public class DeliveryResource {

    private static final Set<String> STATUSES = Set.of("pending", "delivered", "failed");

    private final Gate gate;
    private final TeamService teams;
    private final WebhookRepository webhooks;
    private final DeliveryRepository deliveries;
    private final WebhookService service;

    DeliveryResource(Gate gate, TeamService teams, WebhookRepository webhooks, DeliveryRepository deliveries, WebhookService service) {
        this.gate = gate;
        this.teams = teams;
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.service = service;
    }

    @GET
    @Operation(summary = "List a webhook's deliveries (admin)", description = "Newest first; status ∈ pending, delivered, failed; event: an event name.")
    public Uni<Page<Delivery>> list(@PathParam("teamId") String teamId, @PathParam("id") String id, @QueryParam("status") String status,
            @QueryParam("event") String event, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Grant grant = enter(Action.WEBHOOK_DELIVERY_LIST, teamId, id);
        String s = RequestParams.optional(status);
        if (s != null && !STATUSES.contains(s)) {
            throw ApiException.invalid("status", "must be one of pending, delivered, failed");
        }
        String e = RequestParams.optional(event);
        if (e != null && !EventTypes.known(e)) {
            throw ApiException.invalid("event", "must be an event name such as deployment.succeeded");
        }
        PageRequest page = PageRequest.parse(limit, cursor, 1);
        return webhook(grant, teamId, id).chain(() -> deliveries.list(id, s, e, page.after().map(p -> p.get(0)).orElse(null), page.fetchSize()))
                .map(rows -> Page.of(rows, page.limit(), d -> Cursor.encode(d.id())));
    }

    @GET
    @Path("{deliveryId}")
    @Operation(summary = "Read one delivery with its request body and last answer (admin)",
            description = "The request body is the JSON every attempt sent; lastResponse keeps at most 4 KiB of the last answer.")
    public Uni<Delivery.Detail> get(@PathParam("teamId") String teamId, @PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        Grant grant = enter(Action.WEBHOOK_DELIVERY_READ, teamId, id);
        return webhook(grant, teamId, id).chain(() -> RequestParams.isPlausibleId(deliveryId) ? deliveries.find(id, deliveryId)
                        : Uni.createFrom().<Delivery.Detail>nullItem())
                .onItem().ifNull().failWith(() -> ApiException.notFound("No delivery " + RequestParams.shown(deliveryId) + " of this webhook"));
    }

    @POST
    @Path("{deliveryId}/redeliver")
    @Operation(summary = "Send a delivery once more (admin)", description = "202: queued with the same webhook-id and body; 409 while the"
            + " webhook is disabled.")
    @APIResponse(responseCode = "202", description = "One more attempt is queued, with the same webhook-id")
    public Uni<RestResponse<Void>> redeliver(@PathParam("teamId") String teamId, @PathParam("id") String id,
            @PathParam("deliveryId") String deliveryId) {
        Grant grant = enter(Action.WEBHOOK_REDELIVER, teamId, id);
        if (!RequestParams.isPlausibleId(deliveryId)) {
            return Uni.createFrom().failure(ApiException.notFound("No delivery " + RequestParams.shown(deliveryId) + " of this webhook"));
        }
        return webhook(grant, teamId, id).chain(() -> service.redeliver(grant, teamId, id, deliveryId)).map(v -> RestResponse.accepted());
    }

    private Grant enter(Action action, String teamId, String id) {
        return gate.enter(action, teamId, id, TeamService.notFoundDetail(teamId));
    }

    /** 404 unless {@code teamId} exists and has webhook {@code id}. */
    private Uni<Void> webhook(Grant grant, String teamId, String id) {
        if (!RequestParams.isPlausibleId(id)) {
            return Uni.createFrom().failure(WebhookService.notFound(id));
        }
        return teams.requireExisting(grant, teamId).chain(() -> webhooks.find(teamId, id))
                .onItem().ifNull().failWith(() -> WebhookService.notFound(id)).replaceWithVoid();
    }
}
