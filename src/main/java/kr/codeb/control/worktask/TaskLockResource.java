package kr.codeb.control.worktask;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import kr.codeb.control.auth.Action;
import kr.codeb.control.common.problem.ApiException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * A work task's file locks (SPEC §5): take one, release one. Paths are normalised ({@link FilePaths}); one with
 * {@code ..} is a 400.
 */
@Path("/api/v1/work-tasks/{id}/locks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Work tasks and file locks")
public class TaskLockResource {

    private final TaskAccess taskAccess;
    private final FileLockService service;

    TaskLockResource(TaskAccess taskAccess, FileLockService service) {
        this.taskAccess = taskAccess;
        this.service = service;
    }

    @POST
    @Operation(summary = "Lock a file for a work task (member)",
            description = "An editing lock conflicts with another task's live editing lock on the same file of the same project"
                    + " (409 with conflicts naming the holder); a reviewing lock conflicts with nothing. If the task already"
                    + " holds a lock of the same type on the file, that lock is returned (200); of the other type, its type is"
                    + " changed (200; an upgrade to editing is checked like a new lock). A done or deployed task takes no locks.")
    @APIResponseSchema(value = FileLock.class, responseCode = "201", responseDescription = "Locked; Location names the lock")
    @APIResponse(responseCode = "200", description = "The task already held a lock on the file (returned, or its type changed)")
    @APIResponse(responseCode = "400", description = "A field is invalid (see errors), e.g. a path with '..'")
    @APIResponse(responseCode = "403", description = "The key's role is below member")
    @APIResponse(responseCode = "404", description = "No such task, or another team's")
    @APIResponse(responseCode = "409",
            description = "Another task holds an editing lock on the file (see conflicts), or the task is finished")
    public Uni<RestResponse<FileLock>> lock(@Parameter(example = "42") @PathParam("id") String id, @Valid @NotNull NewLock body) {
        String path = TaskInputs.path("filePath", body.filePath());
        return taskAccess.require(Action.LOCK_CREATE, id)
                .chain(g -> service.take(g.grant(), g.task(), path, LockType.of(body.lockType()), body.changeDescription()))
                .map(t -> t.created()
                        ? RestResponse.ResponseBuilder.<FileLock>created(URI.create("/api/v1/work-tasks/" + t.lock().taskId()
                                + "/locks?filePath=" + URLEncoder.encode(path, StandardCharsets.UTF_8))).entity(t.lock()).build()
                        : RestResponse.ok(t.lock()));
    }

    @DELETE
    @Operation(summary = "Release a work task's lock on a file (member)",
            description = "filePath is normalised as when locking; releasing a lock that is not held is a 404.")
    @APIResponse(responseCode = "204", description = "Released")
    @APIResponse(responseCode = "400", description = "filePath is missing or invalid")
    @APIResponse(responseCode = "403", description = "The key's role is below member")
    @APIResponse(responseCode = "404", description = "No such task, another team's, or the task holds no lock on the file")
    public Uni<RestResponse<Void>> unlock(@Parameter(example = "42") @PathParam("id") String id,
            @Parameter(example = "src/login.ts", required = true) @QueryParam("filePath") String filePath) {
        if (filePath == null || filePath.isEmpty()) {
            throw ApiException.invalid("filePath", "is required");
        }
        String path = TaskInputs.path("filePath", filePath);
        return taskAccess.require(Action.LOCK_DELETE, id).chain(g -> service.release(g.grant(), g.task().id(), path))
                .replaceWith(RestResponse.noContent());
    }
}
