package kr.codeb.control.worktask;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import kr.codeb.control.common.problem.ApiException;

/** Checks and normalises the list fields of work-task bodies, naming the offending element ({@code affectedFiles[2]}). */
final class TaskInputs {

    /** No NUL characters: PostgreSQL text and JSONB cannot hold them. */
    static final String NO_NUL = "[^\\x00]*";
    static final String NO_NUL_MESSAGE = "must not contain NUL characters";

    static final int MAX_FILES = 500;
    static final int MAX_AREAS = 100;
    static final int MAX_AREA_LENGTH = 100;

    private TaskInputs() {
    }

    /** The stored values of a new task: its lists normalised, its text trimmed. */
    static WorkTaskRepository.Values values(NewWorkTask body) {
        return new WorkTaskRepository.Values(body.title().strip(), body.description(), body.branch(), body.prNumber(),
                body.priority(), files("affectedFiles", body.affectedFiles()), areas("affectedAreas", body.affectedAreas()), null, null);
    }

    /** The values a change sets (null: kept); a title, when given, must not be blank. */
    static WorkTaskRepository.Values values(WorkTaskPatch body) {
        if (body.title() != null && body.title().isBlank()) {
            throw ApiException.invalid("title", "must not be blank");
        }
        return new WorkTaskRepository.Values(body.title() == null ? null : body.title().strip(), body.description(), body.branch(),
                body.prNumber(), body.priority(), files("affectedFiles", body.affectedFiles()), areas("affectedAreas", body.affectedAreas()),
                body.status(), body.deployId());
    }

    /** The paths normalised with {@link FilePaths#normalise}, duplicates dropped, in first-seen order; null stays null. */
    static List<String> files(String field, List<String> raw) {
        if (raw == null) {
            return null;
        }
        if (raw.size() > MAX_FILES) {
            throw ApiException.invalid(field, "must hold at most " + MAX_FILES + " paths");
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            out.add(path(field + "[" + i + "]", raw.get(i)));
        }
        return new ArrayList<>(out);
    }

    /** One path normalised with {@link FilePaths#normalise}; anything it refuses (such as {@code ..}) is a 400 naming the field. */
    static String path(String field, String raw) {
        try {
            return FilePaths.normalise(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, e.getMessage());
        }
    }

    /** Area names trimmed, duplicates dropped; each 1 to 100 characters without NUL. Null stays null. */
    static List<String> areas(String field, List<String> raw) {
        if (raw == null) {
            return null;
        }
        if (raw.size() > MAX_AREAS) {
            throw ApiException.invalid(field, "must hold at most " + MAX_AREAS + " areas");
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String area = raw.get(i) == null ? "" : raw.get(i).strip();
            if (area.isEmpty() || area.length() > MAX_AREA_LENGTH || area.indexOf('\0') >= 0) {
                throw ApiException.invalid(field + "[" + i + "]", "must be 1 to " + MAX_AREA_LENGTH + " characters without NUL");
            }
            out.add(area);
        }
        return new ArrayList<>(out);
    }
}
