package kr.codeb.control.domain;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import kr.codeb.control.audit.Gate;
import kr.codeb.control.audit.Grant;
import kr.codeb.control.auth.Action;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.web.RequestParams;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The route of a domain, for a reverse proxy holding a system key (SPEC §5 "Domains"). */
@Path("/api/v1/domains")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Domains")
public class DomainRouteResource {

    private final Gate gate;
    private final DomainRepository domains;

    DomainRouteResource(Gate gate, DomainRepository domains) {
        this.gate = gate;
        this.domains = domains;
    }

    @GET
    @Path("{domain}/route")
    @Operation(summary = "Resolve a domain to its active slot (system keys)",
            description = "For a reverse proxy (e.g. Caddy's on-demand TLS 'ask' and upstream lookup). 404 when the domain is"
                    + " unknown, its status is 'error', its project environment has no active slot, or that slot has no port."
                    + " A 'pending' domain routes, so that the proxy may obtain its first certificate.")
    @APIResponse(responseCode = "200", description = "Where the domain's traffic goes")
    @APIResponse(responseCode = "403", description = "Not a system key")
    @APIResponse(responseCode = "404", description = "Unknown domain, or nothing active to route to")
    public Uni<DomainRoute> route(@Parameter(example = "my-app.codeb.kr") @PathParam("domain") String rawDomain) {
        Grant grant = gate.enter(Action.DOMAIN_ROUTE);
        String domain = DomainNames.normalise(rawDomain);
        if (!DomainNames.isValid(domain)) {
            return Uni.createFrom().failure(unknown(rawDomain));
        }
        gate.describe(grant, domain, null);
        return domains.target(domain).onItem().ifNull().failWith(() -> unknown(domain)).map(t -> {
            if ("error".equals(t.status())) {
                throw ApiException.notFound("The domain " + RequestParams.shown(domain) + " is in status error");
            }
            if (t.activeSlot() == null || t.port() == null) {
                throw ApiException.notFound("The " + t.environment() + " environment of " + t.projectName()
                        + (t.activeSlot() == null ? " has no active slot" : " has an active slot without a port"));
            }
            return new DomainRoute(t.projectName(), t.environment(), t.activeSlot(), t.port());
        });
    }

    private static ApiException unknown(String domain) {
        return ApiException.notFound("No domain " + RequestParams.shown(domain) + " is registered");
    }
}
