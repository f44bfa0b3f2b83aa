package kr.codeb.control.proxy;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import kr.codeb.control.common.config.CodebConfig;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.domain.DomainNames;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Caddy's on-demand TLS {@code ask} (SPEC §9): outside {@code /api} and without a Bearer key, since Caddy sends none.
 * Answered from memory (kept by every domain change, and read from {@code routes.json} when the database is down);
 * counted in metrics, not audited.
 */
@Path("/proxy")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Edge")
public class AskResource {

    private final EdgeMemory memory;
    private final String token;
    private final MeterRegistry metrics;

    AskResource(EdgeMemory memory, CodebConfig config, MeterRegistry metrics) {
        this.memory = memory;
        this.token = config.proxyAskToken().orElse(null);
        this.metrics = metrics;
    }

    @GET
    @Path("ask")
    @Operation(summary = "May Caddy obtain a certificate for this domain? (on-demand TLS ask)",
            description = "200 when the domain is registered with status pending or active. With CODEB_PROXY_ASK_TOKEN set, the token"
                    + " is needed as ?token= or as the Basic password; it grants nothing else.")
    @APIResponse(responseCode = "200", description = "Known: a certificate may be obtained ({domain, status})",
            content = @Content(schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", description = "No domain, or not a valid domain name")
    @APIResponse(responseCode = "401", description = "The ask token is missing or wrong")
    @APIResponse(responseCode = "404", description = "Unknown domain, or its status is error")
    public JsonObject ask(@Parameter(example = "my-app.codeb.kr") @QueryParam("domain") String raw,
            @Parameter(description = "The ask token, when one is configured") @QueryParam("token") String given,
            @HeaderParam("Authorization") String authorization) {
        if (!AskToken.allows(token, given, authorization)) {
            count("refused");
            throw ApiException.unauthorized("The ask token is missing or wrong");
        }
        String domain = raw == null ? "" : DomainNames.normalise(raw);
        if (!DomainNames.isValid(domain)) {
            count("invalid");
            throw ApiException.invalid("domain", DomainNames.RULE);
        }
        var known = memory.domain(domain).filter(DesiredRoutes.Known::routable);
        if (known.isEmpty()) {
            count("unknown");
            throw ApiException.notFound("The domain is not served here");
        }
        count("allowed");
        return new JsonObject().put("domain", domain).put("status", known.get().status());
    }

    private void count(String result) {
        metrics.counter("codeb.proxy.asks", "result", result).increment();
    }
}
