package kr.codeb.control.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditQueryTest {

    @Test
    void noFilterIsNoCondition() {
        AuditQuery.Where where = new AuditQuery(null, null, null, null, null, null, null).where(null, null);
        assertEquals("", where.sql());
        assertEquals(List.of(), where.args());
    }

    @Test
    void everyFilterBecomesOneNumberedParameter() {
        OffsetDateTime since = OffsetDateTime.parse("2026-01-01T00:00:00Z");
        OffsetDateTime until = OffsetDateTime.parse("2026-02-01T00:00:00Z");
        OffsetDateTime after = OffsetDateTime.parse("2026-01-15T00:00:00Z");
        AuditQuery.Where where = new AuditQuery("team_a", "team.read", "team", "t1", false, since, until)
                .where(after, "aud_1");
        assertEquals(" WHERE team_id = $1 AND action = $2 AND resource = $3 AND resource_id = $4 AND success = $5"
                + " AND timestamp >= $6 AND timestamp < $7 AND (timestamp, id) < ($8, $9)", where.sql());
        assertEquals(List.of("team_a", "team.read", "team", "t1", false, since, until, after, "aud_1"), where.args());
    }

    @Test
    void skippedFiltersKeepTheNumberingDense() {
        AuditQuery.Where where = new AuditQuery(null, "team.read", null, null, true, null, null).where(null, null);
        assertEquals(" WHERE action = $1 AND success = $2", where.sql());
    }
}
