package kr.codeb.control.worktask;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskStatusTest {

    private static final Set<String> ALLOWED_MOVES = Set.of(
            "draft>in-progress", "in-progress>review", "review>done", "review>in-progress", "done>deployed");

    @Test
    void exactlyTheFlowAndReviewBackToInProgressAreAllowed() {
        for (String from : TaskStatus.ALL) {
            for (String to : TaskStatus.ALL) {
                boolean expected = from.equals(to) || ALLOWED_MOVES.contains(from + ">" + to);
                assertEquals(expected, TaskStatus.allowed(from, to), from + " -> " + to);
            }
        }
    }

    @Test
    void doneAndDeployedAreFinished() {
        for (String s : TaskStatus.ALL) {
            assertEquals(s.equals("done") || s.equals("deployed"), TaskStatus.isFinished(s), s);
        }
    }

    @Test
    void nextListsTheAllowedMovesInFlowOrder() {
        assertEquals(java.util.List.of("in-progress", "done"), TaskStatus.next("review"));
        assertEquals(java.util.List.of(), TaskStatus.next("deployed"));
    }
}
