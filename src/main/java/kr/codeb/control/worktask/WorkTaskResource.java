package kr.codeb.control.worktask;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import kr.codeb.control.audit.Gate;
import kr.codeb.control.audit.Grant;
import kr.codeb.control.auth.Action;
import kr.codeb.control.common.Cursor;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.web.Page;
import kr.codeb.control.common.web.PageRequest;
import kr.codeb.control.common.web.RequestParams;
import kr.codeb.control.project.ProjectAccess;
import kr.codeb.control.project.ProjectNames;
import kr.codeb.control.team.TeamService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Work tasks (SPEC §5 "Work tasks and file locks"): list, create, read, change (status flow), progress notes. A task
 * belongs to its project's team; another team's task is a 404.
 */
@Path("/api/v1/work-tasks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Work tasks and file locks")
public class WorkTaskResource {

    private final Gate gate;
    private final ProjectAccess projects;
    private final TaskAccess taskAccess;
    private final WorkTaskRepository tasks;
    private final WorkTaskService service;

    WorkTaskResource(Gate gate, ProjectAccess projects, TaskAccess taskAccess, WorkTaskRepository tasks, WorkTaskService service) {
        this.gate = gate;
        this.projects = projects;
        this.taskAccess = taskAccess;
        this.tasks = tasks;
        this.service = service;
    }

    @GET
    @Operation(summary = "List work tasks (viewer)",
            description = "The key's team's tasks (a system key: every team's, or one team's with teamId), newest first,"
                    + " keyset-paginated, filtered by project, status and author.")
    @APIResponse(responseCode = "200", description = "One page of tasks")
    @APIResponse(responseCode = "400", description = "Bad status, limit or cursor")
    @APIResponse(responseCode = "404", description = "teamId names another team")
    public Uni<Page<WorkTask>> list(@Parameter(example = "my-app") @QueryParam("projectName") String projectName,
            @Parameter(description = "draft, in-progress, review, done or deployed") @QueryParam("status") String status,
            @Parameter(example = "kim@example.com") @QueryParam("author") String author,
            @Parameter(description = "System keys: only this team's tasks") @QueryParam("teamId") String teamId,
            @Parameter(description = "1 to 200, default 50") @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        String team = RequestParams.optional(teamId);
        // a team key may name only its own team (another is a 404); a system key any
        Grant grant = team == null ? gate.enter(Action.TASK_LIST) : gate.enter(Action.TASK_LIST, teamId, TeamService.notFoundDetail(teamId));
        String scope = team != null ? teamId : grant.caller().system() ? null : grant.caller().teamId();
        String wanted = RequestParams.optional(status);
        if (wanted != null && !TaskStatus.ALL.contains(status)) {
            throw ApiException.invalid("status", TaskStatus.MESSAGE);
        }
        String project = RequestParams.optional(projectName);
        PageRequest page = PageRequest.parse(limit, cursor, 1);
        Integer before = page.after().map(p -> TaskAccess.parse(p.get(0))
                .orElseThrow(() -> ApiException.invalid("cursor", "is not a cursor issued by this list"))).orElse(null);
        return tasks.list(scope, project == null ? null : ProjectNames.normalise(projectName), wanted == null ? null : status,
                        RequestParams.optional(author) == null ? null : author, before, page.fetchSize())
                .map(rows -> Page.of(rows, page.limit(), t -> Cursor.encode(String.valueOf(t.id()))));
    }

    @POST
    @Operation(summary = "Create a work task (member)",
            description = "The project must belong to the key's team. The task starts as draft; affectedFiles are normalised"
                    + " like lock paths.")
    @APIResponseSchema(value = WorkTask.class, responseCode = "201", responseDescription = "Created; Location names the task")
    @APIResponse(responseCode = "400", description = "A field is invalid (see errors)")
    @APIResponse(responseCode = "403", description = "The key's role is below member")
    @APIResponse(responseCode = "404", description = "No such project, or another team's")
    public Uni<RestResponse<WorkTask>> create(@Valid @NotNull NewWorkTask body) {
        WorkTaskRepository.Values values = TaskInputs.values(body);
        return projects.require(Action.TASK_CREATE, body.projectName())
                .chain(g -> service.create(g.grant(), g.name(), body.author().strip(), values, body)).map(t -> RestResponse.ResponseBuilder.<WorkTask>created(URI.create("/api/v1/work-tasks/" + t.id())).entity(t).build());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a work task (viewer)",
            description = "With its progress notes, affected files and areas.")
    @APIResponse(responseCode = "200", description = "The task")
    @APIResponse(responseCode = "404", description = "No such task (the id is a positive integer), or another team's")
    public Uni<WorkTask> get(@Parameter(example = "42") @PathParam("id") String id) {
        return taskAccess.require(Action.TASK_READ, id).map(TaskAccess.Granted::task);
    }

    @PATCH
    @Path("{id}")
    @Operation(summary = "Change a work task (member)",
            description = "Fields left out (or null) keep their value; lists given replace the stored ones. Status moves"
                    + " draft → in-progress → review → done → deployed, and review → in-progress; the same status again is a"
                    + " no-op, any other move a 409. Reaching done or deployed releases all the task's locks in the same"
                    + " transaction. deployId must name a deployment of the task's project (else 400).")
    @APIResponse(responseCode = "200", description = "The changed task")
    @APIResponse(responseCode = "400", description = "A field is invalid (see errors), or deployId names no deployment of the project")
    @APIResponse(responseCode = "403", description = "The key's role is below member")
    @APIResponse(responseCode = "404", description = "No such task, or another team's")
    @APIResponse(responseCode = "409", description = "The status change is not allowed from the current status")
    public Uni<WorkTask> update(@Parameter(example = "42") @PathParam("id") String id, @Valid @NotNull WorkTaskPatch body) {
        WorkTaskRepository.Values values = TaskInputs.values(body);
        return taskAccess.require(Action.TASK_UPDATE, id).chain(g -> service.update(g.grant(), g.task().id(), id, body, values));
    }

    @POST
    @Path("{id}/notes")
    @Operation(summary = "Add a progress note to a work task (member)",
            description = "Appends {date, note, author} to progressNotes; the server sets date (ISO-8601 UTC). A task keeps"
                    + " at most 1000 notes.")
    @APIResponse(responseCode = "200", description = "The task with the new note last")
    @APIResponse(responseCode = "400", description = "A field is invalid (see errors)")
    @APIResponse(responseCode = "403", description = "The key's role is below member")
    @APIResponse(responseCode = "404", description = "No such task, or another team's")
    @APIResponse(responseCode = "409", description = "The task already holds 1000 notes")
    public Uni<WorkTask> note(@Parameter(example = "42") @PathParam("id") String id, @Valid @NotNull NewNote body) {
        JsonObject note = new JsonObject().put("date", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString())
                .put("note", body.note()).put("author", body.author().strip());
        return taskAccess.require(Action.TASK_NOTE, id).chain(g -> service.note(g.grant(), g.task().id(), id, note, body));
    }
}
