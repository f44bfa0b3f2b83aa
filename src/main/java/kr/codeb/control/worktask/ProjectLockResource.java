package kr.codeb.control.worktask;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import kr.codeb.control.auth.Action;
import kr.codeb.control.common.Cursor;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.web.Page;
import kr.codeb.control.common.web.PageRequest;
import kr.codeb.control.project.ProjectAccess;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A project's live file locks and the conflict check before editing (SPEC §5). */
@Path("/api/v1/projects/{name}/locks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Work tasks and file locks")
public class ProjectLockResource {

    private final ProjectAccess projects;
    private final FileLockRepository locks;

    ProjectLockResource(ProjectAccess projects, FileLockRepository locks) {
        this.projects = projects;
        this.locks = locks;
    }

    @GET
    @Operation(summary = "A project's live file locks (viewer)", description = "Oldest first, keyset-paginated.")
    @APIResponse(responseCode = "200", description = "One page of live locks")
    @APIResponse(responseCode = "400", description = "Bad limit or cursor")
    @APIResponse(responseCode = "404", description = "No such project, or another team's")
    public Uni<Page<FileLock>> list(@Parameter(example = "my-app") @PathParam("name") String rawName,
            @Parameter(description = "1 to 200, default 50") @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.parse(limit, cursor, 1);
        Integer after = page.after().map(p -> TaskAccess.parse(p.get(0))
                .orElseThrow(() -> ApiException.invalid("cursor", "is not a cursor issued by this list"))).orElse(null);
        return projects.require(Action.LOCK_LIST, rawName)
                .chain(g -> locks.liveOfProject(g.name(), after, page.fetchSize()))
                .map(rows -> Page.of(rows, page.limit(), l -> Cursor.encode(String.valueOf(l.id()))));
    }

    @POST
    @Path("check")
    @Operation(summary = "Check files for editing conflicts (viewer)",
            description = "Every live editing lock of the project on one of the paths (at most 500), except those of taskId"
                    + " when given. An empty list means an editing lock on each path would be granted now. Reviewing locks"
                    + " never conflict and are not listed. Changes nothing.")
    @APIResponse(responseCode = "200", description = "The conflicts, possibly none")
    @APIResponse(responseCode = "400", description = "A path is invalid (see errors), or there are none or over 500")
    @APIResponse(responseCode = "404", description = "No such project, or another team's")
    public Uni<LockConflicts> check(@Parameter(example = "my-app") @PathParam("name") String rawName, @Valid @NotNull LockCheck body) {
        Set<String> paths = new LinkedHashSet<>();
        for (int i = 0; i < body.filePaths().size(); i++) {
            paths.add(TaskInputs.path("filePaths[" + i + "]", body.filePaths().get(i)));
        }
        return projects.require(Action.LOCK_CHECK, rawName)
                .chain(g -> locks.editingHolders(g.name(), new ArrayList<>(paths), body.taskId()))
                .map(holders -> new LockConflicts(holders.stream().map(FileLock::conflict).toList()));
    }
}
