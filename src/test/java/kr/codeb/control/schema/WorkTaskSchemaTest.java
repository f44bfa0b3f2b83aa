package kr.codeb.control.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


/** The schema's integrity rules for work tasks and file locks (see {@link SchemaTestBase}). */
@QuarkusTest
class WorkTaskSchemaTest extends SchemaTestBase {

    // ---------------------------------------------------------------- work tasks and file locks

    @Test
    void workTaskStatusOutsideTheWorkflowIsRejected() {
        assertViolates(CHECK, "ck_work_tasks_status",
                "INSERT INTO work_tasks (team_id, project_name, title, author, status) VALUES ($1, $2, 't', 'a', $3)",
                team, project, "wip");
    }

    @ParameterizedTest
    @ValueSource(strings = {"draft", "in-progress", "review", "done", "deployed"})
    void workTaskInAKnownStatusIsAccepted(String status) {
        exec("INSERT INTO work_tasks (team_id, project_name, title, author, status) VALUES ($1, $2, 't', 'a', $3)",
                team, project, status);
    }

    @Test
    void workTaskPriorityOutsideTheScaleIsRejected() {
        assertViolates(CHECK, "ck_work_tasks_priority",
                "INSERT INTO work_tasks (team_id, project_name, title, author, priority) VALUES ($1, $2, 't', 'a', $3)",
                team, project, "urgent");
    }

    @Test
    void lockTypeOutsideEditingOrReviewingIsRejected() {
        assertViolates(CHECK, "ck_work_task_files_lock_type",
                "INSERT INTO work_task_files (task_id, file_path, lock_type) VALUES ($1, 'src/a.ts', $2)",
                newTask(project), "writing");
    }

    @Test
    void lockStatusOutsideLockedOrReleasedIsRejected() {
        assertViolates(CHECK, "ck_work_task_files_status",
                "INSERT INTO work_task_files (task_id, file_path, status) VALUES ($1, 'src/a.ts', $2)",
                newTask(project), "open");
    }

    @Test
    void lockTakesItsProjectFromTheTaskWhateverTheCallerSays() {
        String other = newProject(team);
        Row row = one("INSERT INTO work_task_files (task_id, file_path, project_name) VALUES ($1, 'src/a.ts', $2) "
                + "RETURNING project_name", newTask(project), other);
        assertEquals(project, row.getString("project_name"));
    }

    @Test
    void secondEditingLockOnTheSameFileOfTheSameProjectIsRejected() {
        String lock = "INSERT INTO work_task_files (task_id, file_path, lock_type) VALUES ($1, $2, 'editing')";
        exec(lock, newTask(project), "src/index.ts");
        assertViolates(UNIQUE, "ux_work_task_files_editing", lock, newTask(project), "src/index.ts");
    }

    @Test
    void editingLocksOnTheSamePathInTwoProjectsAreAccepted() {
        String lock = "INSERT INTO work_task_files (task_id, file_path, lock_type) VALUES ($1, $2, 'editing')";
        exec(lock, newTask(project), "src/index.ts");
        exec(lock, newTask(newProject(team)), "src/index.ts");
    }

    @Test
    void reviewingLockNextToAnEditingLockIsAccepted() {
        exec("INSERT INTO work_task_files (task_id, file_path, lock_type) VALUES ($1, 'src/a.ts', 'editing')", newTask(project));
        exec("INSERT INTO work_task_files (task_id, file_path, lock_type) VALUES ($1, 'src/a.ts', 'reviewing')", newTask(project));
    }

    @Test
    void releasedEditingLockFreesTheFile() {
        int first = newTask(project);
        String lock = "INSERT INTO work_task_files (task_id, file_path, lock_type) VALUES ($1, 'src/a.ts', 'editing')";
        exec(lock, first);
        exec("UPDATE work_task_files SET status = 'released', released_at = NOW() WHERE task_id = $1", first);
        exec(lock, newTask(project));
    }

    @Test
    void movingATaskToAnotherProjectMovesItsLocks() {
        int task = newTask(project);
        exec("INSERT INTO work_task_files (task_id, file_path) VALUES ($1, 'src/a.ts')", task);
        String other = newProject(team);
        exec("UPDATE work_tasks SET project_name = $1 WHERE id = $2", other, task);
        Row row = one("SELECT project_name FROM work_task_files WHERE task_id = $1", task);
        assertEquals(other, row.getString("project_name"));
    }
}
