package kr.codeb.control.proxy;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import kr.codeb.control.audit.Gate;
import kr.codeb.control.auth.Action;
import kr.codeb.control.common.config.CodebConfig;
import kr.codeb.control.common.edge.ProxyState;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The edge for operators (system keys): the Caddy config to start from, and desired vs applied per domain (SPEC §9). */
@Path("/api/v1/proxy")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Edge")
public class ProxyResource {

    private final Gate gate;
    private final CodebConfig config;
    private final EdgeMemory memory;
    private final ProxySync sync;
    private final ProxyAnswers answers;
    private final Reconciler reconciler;

    ProxyResource(Gate gate, CodebConfig config, EdgeMemory memory, ProxySync sync, ProxyAnswers answers, Reconciler reconciler) {
        this.gate = gate;
        this.config = config;
        this.memory = memory;
        this.sync = sync;
        this.answers = answers;
        this.reconciler = reconciler;
    }

    @GET
    @Path("caddy-config")
    @Operation(summary = "A complete Caddy config to start Caddy from (system keys)",
            description = "For `caddy run --config file.json`: the admin endpoint of CODEB_CADDY_ADMIN_URL, server CODEB_CADDY_SERVER"
                    + " listening on CODEB_CADDY_LISTEN with every current route, and on-demand TLS whose ask is this service's"
                    + " /proxy/ask (with the ask token), at CODEB_PUBLIC_URL or else this request's base URL.")
    @APIResponse(responseCode = "200", description = "The config", content = @Content(schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "403", description = "Not a system key")
    public JsonObject caddyConfig(@Context UriInfo uri) {
        gate.enter(Action.PROXY_CADDY_CONFIG);
        String base = config.publicUrl().orElseGet(() -> {
            String b = uri.getBaseUri().toString();
            return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        });
        return CaddyConfigFile.build(config.caddy().adminUrl().orElse(null), config.caddy().server(), config.caddy().listen(),
                memory.desired(), base, config.proxyAskToken().orElse(null));
    }

    @GET
    @Path("status")
    @Operation(summary = "Desired vs applied route per domain (system keys)",
            description = "applied comes from Caddy's admin API as read now (null when Caddy cannot be read, see caddyError).")
    @APIResponse(responseCode = "200", description = "The edge's state", content = @Content(schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "403", description = "Not a system key")
    public Uni<JsonObject> status() {
        gate.enter(Action.PROXY_STATUS);
        SortedMap<String, String> desired = memory.desired();
        JsonObject out = new JsonObject().put("enabled", sync.enabled()).put("server", config.caddy().server())
                .put("lastReconcileAt", str(reconciler.lastReconcileAt())).put("lastRunAt", str(sync.lastRunAt()))
                .put("lastError", sync.lastError());
        if (!sync.enabled()) {
            return Uni.createFrom().item(out.put("domains", rows(desired, Map.of())));
        }
        return sync.caddyRoutes().map(current -> out.put("caddyError", (String) null).put("domains", rows(desired, CaddyRoutes.applied(current))))
                .onFailure().recoverWithItem(e -> out.put("caddyError", e.getMessage()).put("domains", rows(desired, null)));
    }

    private JsonArray rows(SortedMap<String, String> desired, Map<String, String> applied) {
        TreeSet<String> names = new TreeSet<>(desired.keySet());
        memory.allDomains().forEach(d -> names.add(d.domain()));
        if (applied != null) {
            names.addAll(applied.keySet());
        }
        JsonArray rows = new JsonArray();
        for (String d : names) {
            ProxyState s = answers.domain(d);
            var known = memory.domain(d);
            rows.add(new JsonObject().put("domain", d)
                    .put("projectName", known.map(DesiredRoutes.Known::projectName).orElse(null))
                    .put("environment", known.map(DesiredRoutes.Known::environment).orElse(null))
                    .put("desired", desired.get(d))
                    .put("applied", applied == null ? null : applied.get(d))
                    .put("status", s.status()).put("appliedPort", s.appliedPort()).put("appliedAt", str(s.appliedAt()))
                    .put("lastError", s.lastError()));
        }
        return rows;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
