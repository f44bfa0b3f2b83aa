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
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import kr.codeb.control.audit.Gate;
import kr.codeb.control.audit.Grant;
import kr.codeb.control.auth.Action;
import kr.codeb.control.common.Cursor;
import kr.codeb.control.common.edge.EdgeView;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.web.Page;
import kr.codeb.control.common.web.PageRequest;
import kr.codeb.control.common.web.RequestParams;
import kr.codeb.control.project.Environment;
import kr.codeb.control.project.ProjectAccess;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Blue-green slots: views, health reports, freezes (SPEC §5). Deploy, promote and rollback are in {@code deployment}. */
// Class path /api/v1: routes under /projects/{name}/… are spread over several features' resources, and a class path
// that is a prefix of another class's routes (/api/v1/projects) would capture them — see the README's code map.
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Slots and deployments")
public class SlotResource {

    static final String ENV = "projects/{name}/environments/{env}";

    private final ProjectAccess projects;
    private final Gate gate;
    private final SlotService service;
    private final SlotAnswers answers;
    private final EdgeView edge;

    SlotResource(ProjectAccess projects, Gate gate, SlotService service, SlotAnswers answers, EdgeView edge) {
        this.edge = edge;
        this.projects = projects;
        this.gate = gate;
        this.service = service;
        this.answers = answers;
    }

    @GET
    @Path("projects/{name}/slots")
    @Operation(summary = "Slots of every environment of a project",
            description = "One slot view per environment (production, staging, preview), empty ones included.")
    public Uni<List<SlotView>> ofProject(@PathParam("name") String name) {
        return projects.require(Action.SLOT_READ, name).chain(g -> Uni.join().all(Environment.ALL.stream()
                .map(env -> service.view(g.name(), env).map(this::withEdge)).toList()).andFailFast());
    }

    @GET
    @Path(ENV + "/slot")
    @Operation(summary = "Slots of one environment", description = "The ETag header is the state's version, for If-Match on transitions.")
    public Uni<RestResponse<SlotView>> one(@PathParam("name") String name, @PathParam("env") String env) {
        Environment.require(env);
        return projects.require(Action.SLOT_READ, name).chain(g -> service.view(g.name(), env)).map(this::withEdge)
                .map(SlotAnswers::withEtag);
    }

    @GET
    @Path("slots")
    @Operation(summary = "Slots across the team", description = "Team keys see their team; system keys see every team. Filter with projects=a,b.")
    public Uni<Page<SlotView>> list(@QueryParam("projects") String projectList, @QueryParam("teamId") String teamId,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Grant grant = gate.enter(Action.SLOT_LIST);
        PageRequest page = PageRequest.parse(limit, cursor, 2);
        String wanted = RequestParams.optional(projectList);
        List<String> names = wanted == null ? null
                : Arrays.stream(wanted.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        String team = grant.caller().system() ? RequestParams.optional(teamId) : grant.caller().teamId();
        return service.list(team, names, page.after().map(p -> p.get(0)).orElse(null), page.after().map(p -> p.get(1)).orElse(null),
                        page.fetchSize())
                .map(views -> Page.of(views.stream().map(this::withEdge).toList(), page.limit(), v -> Cursor.encode(v.projectName(), v.environment())));
    }

    @PATCH
    @Path(ENV + "/slots/{slot}")
    @Operation(summary = "Report a slot's health",
            description = "An external checker reports healthy, unhealthy or unknown for the blue or green slot; If-Match guards against a stale view.")
    public Uni<RestResponse<SlotView>> health(@PathParam("name") String name, @PathParam("env") String env, @PathParam("slot") String slot,
            @HeaderParam("If-Match") String ifMatch, @Valid @NotNull SlotRequests.Health body) {
        Environment.require(env);
        SlotColor side = SlotColor.parse(slot).orElseThrow(() -> ApiException.notFound("No slot '" + slot + "'; slots are blue and green"));
        SlotCommand.Health report = new SlotCommand.Health(side, HealthStatus.of(body.healthStatus()));
        return projects.require(Action.SLOT_HEALTH, name).chain(g -> service.health(g.grant(), g.name(), env, report, ifMatch))
                // a health report may roll back automatically (SPEC §12): the answer waits for the edge as a rollback's does
                .chain(v -> edge.settled(v.projectName(), v.environment()).map(v::withProxy)).map(answers::answer);
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
                .chain(g -> service.freeze(g.grant(), g.name(), env, body.message().trim(), body.until())).map(this::withEdge);
    }

    @DELETE
    @Path(ENV + "/freeze")
    @Operation(summary = "Unfreeze an environment (admin)",
            description = "Deploy and promote are allowed again; an environment that is not frozen answers 404.")
    public Uni<RestResponse<Void>> unfreeze(@PathParam("name") String name, @PathParam("env") String env) {
        Environment.require(env);
        return projects.require(Action.ENVIRONMENT_UNFREEZE, name).chain(g -> service.unfreeze(g.grant(), g.name(), env))
                .map(v -> RestResponse.<Void>noContent());
    }

    private SlotView withEdge(SlotView v) {
        return v.withProxy(edge.environment(v.projectName(), v.environment()));
    }
}
