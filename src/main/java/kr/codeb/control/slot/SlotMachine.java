package kr.codeb.control.slot;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The blue-green state machine, as plain functions over values (no I/O): each operation returns the new
 * pair or a refusal with the reason. {@code SlotService} wraps each call in one transaction holding the
 * slot row lock.
 */
public final class SlotMachine {

    /** The outcome of an operation: the new pair and the side it acted on, or why it was refused. */
    public record Result(SlotPair pair, SlotColor target, String refusal) {
        static Result ok(SlotPair pair, SlotColor target) {
            return new Result(pair, target, null);
        }

        public static Result refused(String why) {
            return new Result(null, null, why);
        }

        public boolean refused() {
            return refusal != null;
        }
    }

    private SlotMachine() {
    }

    /** The side a new deployment goes to: the one that is not active (blue while nothing is active). */
    public static SlotColor deployTarget(SlotPair pair) {
        return pair.find(SlotState.ACTIVE).map(a -> a.name().other()).orElse(SlotColor.BLUE);
    }

    /** Puts a new build on the non-active side; over a grace side this ends its rollback window. */
    public static Result deploy(SlotPair pair, String version, String image, Integer port, String by, Instant now) {
        SlotColor target = deployTarget(pair);
        SlotState from = pair.get(target).state();
        SlotPair next = pair.with(new Slot(target, SlotState.DEPLOYED, port, version, image, now, by, HealthStatus.UNKNOWN, null));
        if (from == SlotState.GRACE) {
            next = next.withGrace(null);
        }
        return Result.ok(next, target);
    }

    /**
     * Makes the deployed side active; the previously active side enters grace until {@code now + grace}.
     *
     * @param latestSucceeded whether the latest deployment on the deployed side succeeded
     */
    public static Result promote(SlotPair pair, boolean latestSucceeded, Instant now, Duration grace) {
        Optional<Slot> deployed = pair.find(SlotState.DEPLOYED);
        if (deployed.isEmpty()) {
            return Result.refused("Nothing to promote: no slot is in state deployed");
        }
        if (!latestSucceeded) {
            return Result.refused("The latest deployment on the " + deployed.get().name().wire()
                    + " slot has not succeeded; report success first");
        }
        SlotColor target = deployed.get().name();
        Slot other = pair.get(target.other());
        SlotPair next = pair.with(deployed.get().withState(SlotState.ACTIVE)).withActive(target);
        if (other.state() == SlotState.ACTIVE) {
            next = next.with(other.withState(SlotState.GRACE)).withGrace(now.plus(grace));
        } else if (other.state() == SlotState.GRACE) {
            // cannot happen while the invariants hold (a deploy over grace ends it), kept for safety
            next = next.with(Slot.empty(other.name())).withGrace(null);
        }
        return Result.ok(next, target);
    }

    /** Makes the grace side active again; the current active side goes back to deployed. */
    public static Result rollback(SlotPair pair) {
        Optional<Slot> grace = pair.find(SlotState.GRACE);
        if (grace.isEmpty()) {
            return Result.refused("Nothing to roll back to: no slot is in grace (the rollback window has expired or never opened)");
        }
        SlotColor target = grace.get().name();
        Slot current = pair.get(target.other());
        SlotPair next = pair.with(grace.get().withState(SlotState.ACTIVE)).withActive(target).withGrace(null);
        if (current.state() == SlotState.ACTIVE) {
            next = next.with(current.withState(SlotState.DEPLOYED));
        }
        return Result.ok(next, target);
    }

    /** Empties a grace side whose window ended at or before {@code now}. */
    public static Result expireGrace(SlotPair pair, Instant now) {
        Optional<Slot> grace = pair.find(SlotState.GRACE);
        if (grace.isEmpty() || pair.graceExpiresAt() == null || pair.graceExpiresAt().isAfter(now)) {
            return Result.refused("No expired grace slot");
        }
        return Result.ok(pair.with(Slot.empty(grace.get().name())).withGrace(null), grace.get().name());
    }

    /** Leaves the pair as it is: a change of something else (a deployment's status) that goes through the same pipeline. */
    public static Result unchanged(SlotPair pair) {
        return Result.ok(pair, null);
    }

    /** Records a health report for one side. */
    public static Result health(SlotPair pair, SlotColor side, HealthStatus status) {
        if (pair.get(side).state() == SlotState.EMPTY) {
            return Result.refused("The " + side.wire() + " slot is empty; there is nothing to report health for");
        }
        return Result.ok(pair.with(pair.get(side).withHealth(status)), side);
    }

    /** The invariants of SPEC §5 that every reachable pair satisfies. */
    public static Optional<String> violation(SlotPair p) {
        boolean blueActive = p.blue().state() == SlotState.ACTIVE;
        boolean greenActive = p.green().state() == SlotState.ACTIVE;
        boolean anyGrace = p.blue().state() == SlotState.GRACE || p.green().state() == SlotState.GRACE;
        if (blueActive && greenActive) {
            return Optional.of("two active slots");
        }
        if (p.blue().state() == SlotState.GRACE && p.green().state() == SlotState.GRACE) {
            return Optional.of("two grace slots");
        }
        if ((blueActive || greenActive) && p.get(p.activeSlot()).state() != SlotState.ACTIVE) {
            return Optional.of("activeSlot does not name the active slot");
        }
        if (anyGrace != (p.graceExpiresAt() != null)) {
            return Optional.of("graceExpiresAt set exactly when a slot is in grace");
        }
        if (anyGrace && !(blueActive || greenActive)) {
            return Optional.of("a grace slot without an active slot");
        }
        return Optional.empty();
    }
}
