package kr.codeb.control.gate;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import kr.codeb.control.auth.Action;
import kr.codeb.control.common.edge.EdgeView;
import kr.codeb.control.project.Environment;
import kr.codeb.control.project.ProjectAccess;
import kr.codeb.control.slot.SlotView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Promote (SPEC §5), behind the approvals of SPEC §12 when the environment's policy asks for them. */
// Class path /api/v1 for the reason SlotResource gives.
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Promotion gates")
public class PromotionResource {

    /** The 202 of a promote that needs approvals: the open request. */
    @RegisterForReflection
    public record Requested(Promotion promotion) {
    }

    private final ProjectAccess projects;
    private final KnownPromotions known;
    private final PromotionService service;
    private final EdgeView edge;

    PromotionResource(ProjectAccess projects, KnownPromotions known, PromotionService service, EdgeView edge) {
        this.edge = edge;
        this.projects = projects;
        this.known = known;
        this.service = service;
    }

    @POST
    @Path("projects/{name}/environments/{env}/promote")
    @Operation(summary = "Promote the deployed slot", description = "The deployed slot whose latest deployment succeeded becomes active "
            + "(200, with the new ETag); the previously active slot enters grace for CODEB_GRACE_PERIOD. Where the policy checks health, "
            + "only a healthy slot (else 409 slot-unhealthy). Where it requires approvals, 202 with the open promotion request instead.")
    @APIResponse(responseCode = "200", description = "Promoted; the ETag header is the new state's version",
            content = @Content(schema = @Schema(implementation = SlotView.class)))
    @APIResponse(responseCode = "202", description = "The policy requires approvals: the open promotion request",
            content = @Content(schema = @Schema(implementation = Requested.class)))
    public Uni<RestResponse<Object>> promote(@PathParam("name") String name, @PathParam("env") String env,
            @HeaderParam("If-Match") String ifMatch) {
        Environment.require(env);
        return projects.require(Action.SLOT_PROMOTE, name).chain(g -> service.promote(g.grant(), g.name(), env, ifMatch))
                // a promote's answer waits for the edge to follow, at most 2 s (SPEC §9); a request for approvals moves nothing
                .chain(o -> o.slot() == null ? Uni.createFrom().item(o)
                        : edge.settled(o.slot().projectName(), o.slot().environment()).map(p -> new PromotionService.Outcome(o.slot().withProxy(p), null)))
                .map(o -> o.slot() != null
                        ? RestResponse.ResponseBuilder.<Object>ok(o.slot()).header("ETag", o.slot().etag()).build()
                        : RestResponse.ResponseBuilder.<Object>create(RestResponse.Status.ACCEPTED, new Requested(o.promotion())).build());
    }

    @GET
    @Path("promotions/{id}")
    @Operation(summary = "A promotion request (viewer)")
    public Uni<Promotion> get(@PathParam("id") String id) {
        return known.require(id, Action.PROMOTION_READ).map(KnownPromotions.Known::promotion);
    }

    @POST
    @Path("promotions/{id}/approve")
    @Operation(summary = "Approve a promotion request (member)", description = "The approval that completes the required number promotes, "
            + "with the freeze, health and If-Match rules in force then; when that promote fails the request stays pending with lastError.")
    public Uni<Promotion> approve(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        return known.require(id, Action.PROMOTION_APPROVE).chain(k -> service.approve(k.grant(), k.promotion(), ifMatch));
    }

    @POST
    @Path("promotions/{id}/reject")
    @Operation(summary = "Reject a promotion request (member)")
    public Uni<Promotion> reject(@PathParam("id") String id, @Valid RejectRequest body) {
        return known.require(id, Action.PROMOTION_REJECT).chain(k -> service.reject(k.grant(), k.promotion(),
                body == null || body.reason() == null || body.reason().isBlank() ? null : body.reason().trim()));
    }
}
