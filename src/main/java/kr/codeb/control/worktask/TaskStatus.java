package kr.codeb.control.worktask;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The life of a work task: {@code draft → in-progress → review → done → deployed}, plus {@code review → in-progress}
 * when a review sends the work back. Plain values, no I/O, so every pair is tested.
 */
public final class TaskStatus {

    public static final String DRAFT = "draft";
    public static final String DONE = "done";
    public static final String DEPLOYED = "deployed";

    public static final List<String> ALL = List.of(DRAFT, "in-progress", "review", DONE, DEPLOYED);
    public static final String PATTERN = "draft|in-progress|review|done|deployed";
    public static final String MESSAGE = "must be one of draft, in-progress, review, done, deployed";

    private static final Map<String, Set<String>> NEXT = Map.of(
            DRAFT, Set.of("in-progress"),
            "in-progress", Set.of("review"),
            "review", Set.of(DONE, "in-progress"),
            DONE, Set.of(DEPLOYED),
            DEPLOYED, Set.of());

    private TaskStatus() {
    }

    /** Whether a task in {@code from} may move to {@code to}; staying in the same status is always allowed (a no-op). */
    public static boolean allowed(String from, String to) {
        return from.equals(to) || NEXT.getOrDefault(from, Set.of()).contains(to);
    }

    /** Whether a task in {@code status} is finished: its locks are released and it may take no new ones. */
    public static boolean isFinished(String status) {
        return DONE.equals(status) || DEPLOYED.equals(status);
    }

    /** The statuses {@code from} may move to, in flow order, for error messages. */
    public static List<String> next(String from) {
        return ALL.stream().filter(NEXT.getOrDefault(from, Set.of())::contains).toList();
    }
}
