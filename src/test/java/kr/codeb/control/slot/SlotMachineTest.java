package kr.codeb.control.slot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every (blue state, green state) pair the invariants allow × every operation → the resulting pair or a
 * refusal. Letters: E empty, D deployed, A active, G grace; "-" means refused.
 */
class SlotMachineTest {

    private static final Instant NOW = Instant.parse("2026-01-15T00:00:00Z");
    private static final Duration GRACE = Duration.ofHours(48);

    static SlotPair pair(String states) {
        SlotState b = state(states.charAt(0));
        SlotState g = state(states.charAt(1));
        SlotColor active = g == SlotState.ACTIVE ? SlotColor.GREEN : SlotColor.BLUE;
        boolean grace = b == SlotState.GRACE || g == SlotState.GRACE;
        return new SlotPair(active, side(SlotColor.BLUE, b), side(SlotColor.GREEN, g), grace ? NOW.plusSeconds(3600) : null);
    }

    private static Slot side(SlotColor c, SlotState s) {
        return s == SlotState.EMPTY ? Slot.empty(c)
                : new Slot(c, s, 4100, c.wire() + "-v", "img:" + c.wire(), NOW.minusSeconds(60), "ci", HealthStatus.HEALTHY, null);
    }

    private static SlotState state(char c) {
        return switch (c) {
            case 'E' -> SlotState.EMPTY;
            case 'D' -> SlotState.DEPLOYED;
            case 'A' -> SlotState.ACTIVE;
            case 'G' -> SlotState.GRACE;
            default -> throw new IllegalArgumentException(String.valueOf(c));
        };
    }

    private static String letters(SlotPair p) {
        return "" + p.blue().state().name().charAt(0) + p.green().state().name().charAt(0);
    }

    private static void expect(SlotMachine.Result r, String expected) {
        if (expected.equals("-")) {
            assertTrue(r.refused(), "expected a refusal, got " + (r.pair() == null ? null : letters(r.pair())));
        } else {
            assertTrue(!r.refused(), () -> "refused: " + r.refusal());
            assertEquals(expected, letters(r.pair()));
            assertEquals(Optional.empty(), SlotMachine.violation(r.pair()), "result keeps the invariants");
        }
    }

    /** Columns: start | deploy | promote (latest succeeded) | promote (latest not succeeded) | rollback | expire (past) | expire (not yet). */
    @ParameterizedTest(name = "{0}: deploy→{1} promote→{2}/{3} rollback→{4} expire→{5}/{6}")
    @CsvSource(delimiter = '|', value = {
        "EE | DE | -  | - | -  | -  | -",
        "ED | DD | EA | - | -  | -  | -",
        "DE | DE | AE | - | -  | -  | -",
        "DD | DD | AD | - | -  | -  | -",
        "EA | DA | -  | - | -  | -  | -",
        "AE | AD | -  | - | -  | -  | -",
        "DA | DA | AG | - | -  | -  | -",
        "AD | AD | GA | - | -  | -  | -",
        "AG | AD | -  | - | DA | AE | -",
        "GA | DA | -  | - | AD | EA | -",
    })
    void everyOperationFromEveryValidPair(String start, String deploy, String promote, String promoteUnsucceeded,
            String rollback, String expirePast, String expireNotYet) {
        SlotPair p = pair(start);
        assertEquals(Optional.empty(), SlotMachine.violation(p), "the start pair is valid");
        expect(SlotMachine.deploy(p, "v2", "img:v2", 4200, "ci", NOW), deploy);
        expect(SlotMachine.promote(p, true, NOW, GRACE), promote);
        expect(SlotMachine.promote(p, false, NOW, GRACE), promoteUnsucceeded);
        expect(SlotMachine.rollback(p), rollback);
        expect(SlotMachine.expireGrace(p, NOW.plusSeconds(7200)), expirePast);
        expect(SlotMachine.expireGrace(p, NOW), expireNotYet);
    }

    static Stream<Arguments> invalidPairs() {
        List<Arguments> out = new ArrayList<>();
        for (String s : List.of("AA", "GG", "GE", "EG", "GD", "DG")) {
            out.add(Arguments.of(s));
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("invalidPairs")
    void invariantCheckRejectsUnreachablePairs(String states) {
        assertTrue(SlotMachine.violation(pair(states)).isPresent(), states);
    }

    @Test
    void deployTargetIsBlueOnAFreshProjectAndTheIdleSideAfterwards() {
        assertEquals(SlotColor.BLUE, SlotMachine.deployTarget(SlotPair.fresh()));
        assertEquals(SlotColor.GREEN, SlotMachine.deployTarget(pair("AE")));
        assertEquals(SlotColor.BLUE, SlotMachine.deployTarget(pair("EA")));
    }

    @Test
    void deployRecordsTheBuildOnTheTargetSide() {
        SlotMachine.Result r = SlotMachine.deploy(pair("AE"), "2.0.0", "app:2.0.0", 4101, "ci@example.com", NOW);
        Slot green = r.pair().green();
        assertEquals(SlotColor.GREEN, r.target());
        assertEquals("2.0.0", green.version());
        assertEquals("app:2.0.0", green.image());
        assertEquals(4101, green.port());
        assertEquals(NOW, green.deployedAt());
        assertEquals("ci@example.com", green.deployedBy());
        assertEquals(HealthStatus.UNKNOWN, green.healthStatus());
    }

    @Test
    void deployOverGraceEndsTheRollbackWindow() {
        assertNull(SlotMachine.deploy(pair("AG"), "v3", "i", null, "ci", NOW).pair().graceExpiresAt());
    }

    @Test
    void promoteStartsGraceForThePreviouslyActiveSide() {
        SlotMachine.Result r = SlotMachine.promote(pair("DA"), true, NOW, GRACE);
        assertEquals(SlotColor.BLUE, r.pair().activeSlot());
        assertEquals(NOW.plus(GRACE), r.pair().graceExpiresAt());
    }

    @Test
    void promoteWithoutAnActiveSideOpensNoGrace() {
        SlotMachine.Result r = SlotMachine.promote(pair("DE"), true, NOW, GRACE);
        assertNull(r.pair().graceExpiresAt());
        assertEquals(SlotColor.BLUE, r.pair().activeSlot());
    }

    @Test
    void rollbackClosesTheWindowAndPointsActiveSlotAtTheRestoredSide() {
        SlotMachine.Result r = SlotMachine.rollback(pair("AG"));
        assertEquals(SlotColor.GREEN, r.pair().activeSlot());
        assertNull(r.pair().graceExpiresAt());
    }

    @Test
    void expiredGraceSideIsEmptiedCompletely() {
        Slot green = SlotMachine.expireGrace(pair("AG"), NOW.plusSeconds(3600)).pair().green();
        assertEquals(Slot.empty(SlotColor.GREEN), green);
    }

    @ParameterizedTest
    @CsvSource({"EE,BLUE,-", "AE,BLUE,AE", "AE,GREEN,-", "AG,GREEN,AG"})
    void healthIsRecordedOnlyForOccupiedSides(String start, SlotColor side, String expected) {
        SlotMachine.Result r = SlotMachine.health(pair(start), side, HealthStatus.UNHEALTHY);
        expect(r, expected);
        if (!r.refused()) {
            assertEquals(HealthStatus.UNHEALTHY, r.pair().get(side).healthStatus());
        }
    }

    @Test
    void longRandomWalksNeverBreakTheInvariants() {
        java.util.Random random = new java.util.Random(42);
        SlotPair p = SlotPair.fresh();
        Instant t = NOW;
        for (int i = 0; i < 100_000; i++) {
            t = t.plusSeconds(random.nextInt(7200));
            SlotMachine.Result r = switch (random.nextInt(5)) {
                case 0 -> SlotMachine.deploy(p, "v" + i, "img", 4000, "ci", t);
                case 1 -> SlotMachine.promote(p, random.nextBoolean(), t, Duration.ofHours(1));
                case 2 -> SlotMachine.rollback(p);
                case 3 -> SlotMachine.expireGrace(p, t);
                default -> SlotMachine.health(p, random.nextBoolean() ? SlotColor.BLUE : SlotColor.GREEN, HealthStatus.HEALTHY);
            };
            if (!r.refused()) {
                p = r.pair();
            }
            assertEquals(Optional.empty(), SlotMachine.violation(p), "after step " + i + ": " + letters(p));
        }
    }
}
