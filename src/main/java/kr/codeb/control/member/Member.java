package kr.codeb.control.member;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import kr.codeb.control.auth.Role;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A person on a team, with the role they hold there (seed 000 team_members). */
@RegisterForReflection
public record Member(
        @Schema(examples = "mem_01jd3x7k2m9q8r4t6v5w0y1z2a") String id,
        @Schema(nullable = true, examples = "team_01jd3x7k2m9q8r4t6v5w0y1z2a") String teamId,
        @Schema(examples = "dev@example.com") String email,
        @Schema(nullable = true, examples = "Kim Dev") String name,
        @Schema(enumeration = {"owner", "admin", "member", "viewer"}) Role role,
        @Schema(nullable = true, description = "Name of the key that added the member") String invitedBy,
        @Schema(nullable = true) Instant joinedAt,
        @Schema(nullable = true) Instant lastActiveAt) {

    static final String COLUMNS = "id, team_id, email, name, role, invited_by, joined_at, last_active_at";

    // a role the schema does not know cannot be stored (CHECK constraint); were one read, it is treated as the highest,
    // so no key below owner may change or remove that member
    static Member from(Row row) {
        return new Member(row.getString("id"), row.getString("team_id"), row.getString("email"), row.getString("name"),
                Role.parse(row.getString("role")).orElse(Role.OWNER), row.getString("invited_by"), instant(row.getOffsetDateTime("joined_at")),
                instant(row.getOffsetDateTime("last_active_at")));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
