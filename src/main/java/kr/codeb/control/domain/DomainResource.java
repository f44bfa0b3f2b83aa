package kr.codeb.control.domain;

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
import kr.codeb.control.auth.Action;
import kr.codeb.control.common.Cursor;
import kr.codeb.control.common.config.CodebConfig;
import kr.codeb.control.common.edge.EdgeView;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.web.Page;
import kr.codeb.control.common.web.PageRequest;
import kr.codeb.control.project.ProjectAccess;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Domains of a project (SPEC §5 "Domains"), managed by admins. A domain name is unique across all teams: one held
 * by another team is a 409 that does not say which team.
 */
@Path("/api/v1/projects/{name}/domains")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Domains")
public class DomainResource {

    private final ProjectAccess projects;
    private final DomainRepository domains;
    private final DomainService service;
    private final List<String> baseDomains;
    private final EdgeView edge;

    DomainResource(ProjectAccess projects, DomainRepository domains, DomainService service, CodebConfig config, EdgeView edge) {
        this.edge = edge;
        this.projects = projects;
        this.domains = domains;
        this.service = service;
        this.baseDomains = config.baseDomains().stream().map(DomainNames::normalise).filter(s -> !s.isEmpty()).toList();
    }

    @GET
    @Operation(summary = "List a project's domains (viewer)", description = "In name order, keyset-paginated.")
    @APIResponse(responseCode = "200", description = "One page of domains")
    @APIResponse(responseCode = "400", description = "Bad limit or cursor")
    @APIResponse(responseCode = "404", description = "No such project, or another team's")
    public Uni<Page<Domain>> list(@Parameter(example = "my-app") @PathParam("name") String rawName,
            @Parameter(description = "1 to 200, default 50") @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.parse(limit, cursor, 1);
        return projects.require(Action.DOMAIN_LIST, rawName)
                .chain(g -> domains.list(g.name(), page.after().map(p -> p.get(0)).orElse(null), page.fetchSize()))
                .map(rows -> Page.of(rows.stream().map(d -> d.withProxy(edge.domain(d.domain()))).toList(), page.limit(), d -> Cursor.encode(d.domain())));
    }

    @POST
    @Operation(summary = "Add a domain to a project (admin)",
            description = "The name is lower-cased and a trailing dot dropped; it must be an RFC 1123 host name of two or more"
                    + " labels in ASCII (send an IDN as xn--…). A subdomain lies under one of CODEB_BASE_DOMAINS (and is more"
                    + " than the base itself); a custom domain lies outside all of them. environment defaults to production."
                    + " A domain is unique across all teams.")
    @APIResponseSchema(value = Domain.class, responseCode = "201", responseDescription = "Added; Location names the domain")
    @APIResponse(responseCode = "400", description = "A field is invalid (see errors)")
    @APIResponse(responseCode = "403", description = "The key's role is below admin")
    @APIResponse(responseCode = "404", description = "No such project, or another team's")
    @APIResponse(responseCode = "409", description = "The domain is already registered")
    public Uni<RestResponse<Domain>> create(@Parameter(example = "my-app") @PathParam("name") String rawName,
            @Valid @NotNull NewDomain body) {
        String domain = DomainNames.normalise(body.domain());
        if (!DomainNames.isValid(domain)) {
            throw ApiException.invalid("domain", DomainNames.RULE);
        }
        DomainNames.typeProblem(domain, body.type(), baseDomains).ifPresent(problem -> {
            throw ApiException.invalid("type", problem);
        });
        String environment = body.environment() == null ? "production" : body.environment();
        return projects.require(Action.DOMAIN_CREATE, rawName).chain(g -> service.create(g.grant(), g.name(), domain, environment, body)).chain(this::withEdge)
                .map(d -> RestResponse.ResponseBuilder.<Domain>created(URI.create("/api/v1/projects/" + d.projectName() + "/domains/" + d.domain()))
                .entity(d).build());
    }

    @PATCH
    @Path("{domain}")
    @Operation(summary = "Change a domain's SSL, DNS, proxy flags or status (admin)",
            description = "Fields left out (or null) keep their value. dnsConfigured=true stamps dnsVerifiedAt with the current"
                    + " time (each confirmation refreshes it); dnsConfigured=false clears it.")
    @APIResponse(responseCode = "200", description = "The changed domain")
    @APIResponse(responseCode = "400", description = "A field is invalid (see errors)")
    @APIResponse(responseCode = "403", description = "The key's role is below admin")
    @APIResponse(responseCode = "404", description = "No such project or domain of it, or another team's")
    public Uni<Domain> update(@Parameter(example = "my-app") @PathParam("name") String rawName,
            @Parameter(example = "my-app.codeb.kr") @PathParam("domain") String rawDomain, @Valid @NotNull DomainPatch body) {
        String domain = DomainNames.normalise(rawDomain);
        return projects.require(Action.DOMAIN_UPDATE, rawName).chain(g -> DomainNames.isValid(domain)
                ? service.update(g.grant(), g.name(), domain, body) : Uni.createFrom().<Domain>failure(DomainService.notFound(rawDomain)))
                .chain(this::withEdge);
    }

    @DELETE
    @Path("{domain}")
    @Operation(summary = "Remove a domain from a project (admin)",
            description = "The domain's proxy route is removed with it; the name becomes free for any team.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = "The key's role is below admin")
    @APIResponse(responseCode = "404", description = "No such project or domain of it, or another team's")
    public Uni<RestResponse<Void>> delete(@Parameter(example = "my-app") @PathParam("name") String rawName,
            @Parameter(example = "my-app.codeb.kr") @PathParam("domain") String rawDomain) {
        String domain = DomainNames.normalise(rawDomain);
        return projects.require(Action.DOMAIN_DELETE, rawName).chain(g -> DomainNames.isValid(domain)
                ? service.delete(g.grant(), g.name(), domain) : Uni.createFrom().<Void>failure(DomainService.notFound(rawDomain)))
                .replaceWith(RestResponse.noContent());
    }

    /** The domain once the edge followed the change (at most 2 s later; SPEC §9). */
    private Uni<Domain> withEdge(Domain d) {
        return edge.settledDomain(d.domain()).map(d::withProxy);
    }
}
