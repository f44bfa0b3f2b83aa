package kr.codeb.control.slot;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** The prober's last check of the build on a slot (SPEC §12): when, whether it passed, and what it saw. */
@RegisterForReflection
public record SlotCheck(Instant at, boolean ok, String detail) {
}
