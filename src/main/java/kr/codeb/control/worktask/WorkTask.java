package kr.codeb.control.worktask;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A unit of work on one project, whose files its locks protect (seed 000 v3 work_tasks). */
@RegisterForReflection
public record WorkTask(
        @Schema(examples = "42") int id,
        @Schema(nullable = true, examples = "team_01jd3x7k2m9q8r4t6v5w0y1z2a") String teamId,
        @Schema(examples = "my-app") String projectName,
        @Schema(examples = "Add login form") String title,
        String description,
        @Schema(examples = "kim@example.com") String author,
        @Schema(nullable = true, examples = "feature/login") String branch,
        @Schema(nullable = true, examples = "17") Integer prNumber,
        @Schema(enumeration = {"draft", "in-progress", "review", "done", "deployed"}) String status,
        @Schema(enumeration = {"low", "medium", "high", "critical"}) String priority,
        @Schema(examples = "[\"src/login.ts\"]") List<String> affectedFiles,
        @Schema(examples = "[\"auth\"]") List<String> affectedAreas,
        List<ProgressNote> progressNotes,
        @Schema(nullable = true, examples = "dep_01jd3x7k2m9q8r4t6v5w0y1z2a") String deployId,
        @Schema(nullable = true) Instant createdAt,
        @Schema(nullable = true) Instant updatedAt) {

    public static final String PRIORITIES = "low|medium|high|critical";
    public static final String PRIORITIES_MESSAGE = "must be one of low, medium, high, critical";

    static final String COLUMNS = "id, team_id, project_name, title, description, author, branch, pr_number, status, priority,"
            + " affected_files, affected_areas, progress_notes, deploy_id, created_at, updated_at";

    static WorkTask from(Row row) {
        return new WorkTask(row.getInteger("id"), row.getString("team_id"), row.getString("project_name"), row.getString("title"),
                row.getString("description"), row.getString("author"), row.getString("branch"), row.getInteger("pr_number"),
                row.getString("status"), row.getString("priority"), strings(row.getValue("affected_files")),
                strings(row.getValue("affected_areas")), notes(row.getValue("progress_notes")), row.getString("deploy_id"),
                instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("updated_at")));
    }

    // Rows written before this service may hold any JSON in these columns: read what fits, never fail.
    private static List<String> strings(Object json) {
        List<String> out = new ArrayList<>();
        if (json instanceof JsonArray array) {
            array.forEach(v -> {
                if (v != null) {
                    out.add(v instanceof String s ? s : String.valueOf(v));
                }
            });
        }
        return out;
    }

    private static List<ProgressNote> notes(Object json) {
        List<ProgressNote> out = new ArrayList<>();
        if (json instanceof JsonArray array) {
            array.forEach(v -> {
                if (v instanceof JsonObject o) {
                    out.add(new ProgressNote(text(o.getValue("date")), text(o.getValue("note")), text(o.getValue("author"))));
                }
            });
        }
        return out;
    }

    private static String text(Object v) {
        return v == null ? null : String.valueOf(v);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
