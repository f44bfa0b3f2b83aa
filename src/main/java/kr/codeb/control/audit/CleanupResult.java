package kr.codeb.control.audit;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What a cleanup did: {@code {"deleted": n}}. */
@RegisterForReflection
public record CleanupResult(long deleted) {
}
