package kr.codeb.control.slot;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import kr.codeb.control.auth.Access;
import kr.codeb.control.auth.Action;
import kr.codeb.control.auth.Caller;
import kr.codeb.control.common.Cursor;
import kr.codeb.control.common.db.DbFailures;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.registry.Degraded;
import kr.codeb.control.registry.DegradedWrites;
import kr.codeb.control.registry.SlotRegistry;
import kr.codeb.control.common.web.Page;
import kr.codeb.control.common.web.PageRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Blue-green slots: views, deploy, promote, rollback, health, freeze (SPEC §5). */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Slots and deployments")
public class SlotResource {

    private static final String ENV = "projects/{name}/environments/{env}";

    private final ProjectAccess projects;
    private final Access access;
    private final SlotService service;
    private final SlotRepository slots;
    private final SlotRegistry registry;
    private final Degraded degraded;
    private final DegradedWrites degradedWrites;

    SlotResource(ProjectAccess projects, Access access, SlotService service, SlotRepository slots, SlotRegistry registry,
            Degraded degraded, DegradedWrites degradedWrites) {
        this.projects = projects;
        this.access = access;
        this.service = service;
        this.slots = slots;
        this.registry = registry;
        this.degraded = degraded;
        this.degradedWrites = degradedWrites;
    }

    @GET
    @Path("projects/{name}/slots")
    @Operation(summary = "Slots of every environment of a project")
    public Uni<List<SlotView>> ofProject(@PathParam("name") String name) {
        return projects.require(Action.SLOT_READ, name)
                .chain(g -> io.smallrye.mutiny.Uni.join().all(kr.codeb.control.slot.Environment.ALL.stream()
                        .map(env -> service.view(name, env)).toList()).andFailFast());
    }

    @GET
    @Path(ENV + "/slot")
    @Operation(summary = "Slots of one environment", description = "The ETag header is the state's version, for If-Match on transitions.")
    public Uni<RestResponse<SlotView>> one(@PathParam("name") String name, @PathParam("env") String env) {
        Environment.require(env);
        return projects.require(Action.SLOT_READ, name).chain(g -> service.view(name, env))
                .map(v -> RestResponse.ResponseBuilder.ok(v).header("ETag", v.etag()).build());
    }

    @GET
    @Path("slots")
    @Operation(summary = "Slots across the team", description = "Team keys see their team; system keys see every team. Filter with projects=a,b.")
    public Uni<Page<SlotView>> list(@QueryParam("projects") String projectList, @QueryParam("teamId") String teamId,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Caller caller = access.require(Action.SLOT_LIST);
        PageRequest page = PageRequest.parse(limit, cursor, 2);
        String[] names = projectList == null || projectList.isBlank() ? null
                : Arrays.stream(projectList.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toArray(String[]::new);
        String team = caller.system() ? (teamId == null || teamId.isBlank() ? null : teamId) : caller.teamId();
        String afterProject = page.after().map(p -> p.get(0)).orElse(null);
        String afterEnv = page.after().map(p -> p.get(1)).orElse(null);
        return slots.list(team, names, afterProject, afterEnv, page.fetchSize())
                .map(rows -> rows.stream().map(s -> SlotView.of(s.projectName(), s.environment(), s.pair(), s.updatedAt(), null)).toList())
                .onFailure(DbFailures::isUnreachable).recoverWithItem(() -> {
                    degraded.mark();
                    List<String> wanted = names == null ? null : List.of(names);
                    return registry.list(team).stream().map(SlotRegistry.Entry::slots)
                            .filter(v -> wanted == null || wanted.contains(v.projectName()))
                            .filter(v -> afterProject == null
                                    || (v.projectName() + "\u0000" + v.environment()).compareTo(afterProject + "\u0000" + afterEnv) > 0)
                            .limit(page.fetchSize()).toList();
                })
                .map(views -> Page.of(views, page.limit(), v -> Cursor.encode(v.projectName(), v.environment())));
    }

    @POST
    @Path(ENV + "/deployments")
    @Operation(summary = "Deploy to the idle slot", description = "Takes the slot that is not active, sets it deployed and creates a "
            + "pending deployment. 409 while another deployment of this environment is pending or running, or while frozen.")
    public Uni<RestResponse<SlotService.Deployed>> deploy(@PathParam("name") String name, @PathParam("env") String env,
            @HeaderParam("If-Match") String ifMatch, @Valid @NotNull NewDeployment body) {
        Environment.require(env);
        return projects.require(Action.DEPLOYMENT_CREATE, name)
                .chain(g -> service.deploy(g.caller(), name, env, body, ifMatch))
                .map(d -> RestResponse.ResponseBuilder.<SlotService.Deployed>created(URI.create("/api/v1/deployments/" + d.deployment().id()))
                        .header("ETag", d.slot().etag()).entity(d).build());
    }

    @POST
    @Path(ENV + "/promote")
    @Operation(summary = "Promote the deployed slot", description = "The deployed slot whose latest deployment succeeded becomes active; "
            + "the previously active slot enters grace for CODEB_GRACE_PERIOD.")
    public Uni<RestResponse<SlotView>> promote(@PathParam("name") String name, @PathParam("env") String env,
            @HeaderParam("If-Match") String ifMatch) {
        Environment.require(env);
        return projects.require(Action.SLOT_PROMOTE, name).chain(g -> service.promote(g.caller(), name, env, ifMatch)).map(SlotResource::withEtag);
    }

    @POST
    @Path(ENV + "/rollback")
    @Operation(summary = "Roll back to the grace slot", description = "Allowed while frozen. restoreVariables also restores the env vars "
            + "the restored deployment was created with: a new env version with that content, in the same transaction (409, and no "
            + "rollback, when the deployment recorded no env version).")
    public Uni<RestResponse<SlotView>> rollback(@PathParam("name") String name, @PathParam("env") String env,
            @HeaderParam("If-Match") String ifMatch, @Valid SlotRequests.Rollback body) {
        Environment.require(env);
        String reason = body == null || body.reason() == null ? null : body.reason().trim();
        boolean restore = body != null && Boolean.TRUE.equals(body.restoreVariables());
        return projects.require(Action.SLOT_ROLLBACK, name)
                .chain(g -> service.rollback(g.caller(), name, env, reason, restore, ifMatch)
                        .onFailure(DbFailures::isUnreachable)
                        .recoverWithUni(e -> degradedWrites.rollback(g.caller(), name, env, reason, restore, e)))
                .map(this::answer);
    }

    @PATCH
    @Path(ENV + "/slots/{slot}")
    @Operation(summary = "Report a slot's health")
    public Uni<RestResponse<SlotView>> health(@PathParam("name") String name, @PathParam("env") String env, @PathParam("slot") String slot,
            @HeaderParam("If-Match") String ifMatch, @Valid @NotNull SlotRequests.Health body) {
        Environment.require(env);
        SlotColor side = SlotColor.parse(slot).orElseThrow(() -> ApiException.notFound("No slot '" + slot + "'; slots are blue and green"));
        return projects.require(Action.SLOT_HEALTH, name)
                .chain(g -> service.health(name, env, side, body.healthStatus(), ifMatch)
                        .onFailure(DbFailures::isUnreachable)
                        .recoverWithUni(e -> degradedWrites.health(g.caller(), name, env, side, body.healthStatus(), e)))
                .map(this::answer);
    }

    @POST
    @Path(ENV + "/freeze")
    @Operation(summary = "Freeze an environment (admin)", description = "While frozen, deploy and promote answer 409; rollback stays allowed.")
    public Uni<SlotView> freeze(@PathParam("name") String name, @PathParam("env") String env,
            @Valid @NotNull SlotRequests.FreezeRequest body) {
        Environment.require(env);
        if (body.until() != null && !body.until().isAfter(Instant.now())) {
            throw ApiException.invalid("until", "must be in the future");
        }
        return projects.require(Action.ENVIRONMENT_FREEZE, name)
                .chain(g -> service.freeze(g.caller(), name, env, body.message().trim(), body.until()));
    }

    @DELETE
    @Path(ENV + "/freeze")
    @Operation(summary = "Unfreeze an environment (admin)")
    public Uni<RestResponse<Void>> unfreeze(@PathParam("name") String name, @PathParam("env") String env) {
        Environment.require(env);
        return projects.require(Action.ENVIRONMENT_UNFREEZE, name).chain(g -> service.unfreeze(name, env))
                .map(v -> RestResponse.<Void>noContent());
    }

    /** 200 with the new state; 202 when the transition was journaled in degraded mode and awaits the database. */
    private RestResponse<SlotView> answer(SlotView v) {
        return degraded.served() ? RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED, v).build() : withEtag(v);
    }

    private static RestResponse<SlotView> withEtag(SlotView v) {
        return RestResponse.ResponseBuilder.ok(v).header("ETag", v.etag()).build();
    }

}
