package kr.codeb.control.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LsnTest {

    @Test
    void parsesBothHalvesAsHex() {
        assertEquals(0x16_B374D848L, Lsn.parse("16/B374D848"));
        assertEquals(0L, Lsn.parse("0/0"));
        assertEquals(Lsn.NONE, Lsn.parse(null));
        assertEquals(-1L, Lsn.parse("FFFFFFFF/FFFFFFFF"), "the top of the range stays unsigned");
        assertThrows(IllegalArgumentException.class, () -> Lsn.parse("16B374D848"));
    }

    @Test
    void aReplayPositionHoldsTheNewestSampleItReached() {
        Lsn.Samples samples = new Lsn.Samples(3);
        samples.add(100, Lsn.parse("0/10"));
        samples.add(200, Lsn.parse("0/20"));
        samples.add(300, Lsn.parse("0/30"));
        assertEquals(Lsn.NONE, samples.heldBy(Lsn.parse("0/F")), "behind every sample: holds none");
        assertEquals(100, samples.heldBy(Lsn.parse("0/1F")));
        assertEquals(200, samples.heldBy(Lsn.parse("0/20")), "exactly at a sample holds it");
        assertEquals(300, samples.heldBy(Lsn.parse("1/0")));
        assertEquals(Lsn.NONE, samples.heldBy(Lsn.NONE));
    }

    @Test
    void theOldestSampleMakesRoomForTheNewest() {
        Lsn.Samples samples = new Lsn.Samples(2);
        samples.add(100, Lsn.parse("0/10"));
        samples.add(200, Lsn.parse("0/20"));
        samples.add(300, Lsn.parse("0/30"));
        assertEquals(Lsn.NONE, samples.heldBy(Lsn.parse("0/1F")), "the sample of 100 is gone");
        assertEquals(200, samples.heldBy(Lsn.parse("0/2F")));
    }

    @Test
    void positionsCompareUnsigned() {
        Lsn.Samples samples = new Lsn.Samples(2);
        samples.add(100, Lsn.parse("80000000/0"));
        assertEquals(Lsn.NONE, samples.heldBy(Lsn.parse("1/0")));
        assertEquals(100, samples.heldBy(Lsn.parse("80000000/1")));
    }
}
