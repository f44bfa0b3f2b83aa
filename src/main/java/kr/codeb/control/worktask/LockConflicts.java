package kr.codeb.control.worktask;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The answer of a lock check: every live editing lock of another task on one of the paths (empty: all free to edit). */
@RegisterForReflection
public record LockConflicts(List<LockConflict> conflicts) {
}
