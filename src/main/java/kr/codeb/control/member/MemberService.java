package kr.codeb.control.member;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import kr.codeb.control.audit.Audited;
import kr.codeb.control.audit.Grant;
import kr.codeb.control.auth.Access;
import kr.codeb.control.auth.Role;
import kr.codeb.control.common.Ids;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.web.RequestParams;
import kr.codeb.control.team.TeamService;

/**
 * Member changes, each one audited transaction. A key never gives a role above its own, and never changes or removes a
 * member whose role is above its own (so an admin cannot touch an owner).
 */
@ApplicationScoped
public class MemberService {

    private final MemberRepository members;
    private final Audited audited;

    MemberService(MemberRepository members, Audited audited) {
        this.members = members;
        this.audited = audited;
    }

    public Uni<Member> create(Grant grant, String teamId, NewMember body, Role role) {
        Access.checkAtMost(grant.caller(), role, "give the role");
        String id = Ids.newId("mem");
        String email = body.email().trim().toLowerCase(Locale.ROOT);
        return audited.change(grant, id, body, tx -> members.insert(tx.conn(), id, teamId, email, RequestParams.optional(body.name()), role,
                        grant.caller().name())
                        .onItem().ifNull().failWith(() -> ApiException.conflict("The team already has a member with the email '" + email + "'")))
                .onFailure(e -> e instanceof PgException pg && "23503".equals(pg.getSqlState()))
                .transform(e -> TeamService.notFound(teamId));
    }

    public Uni<Member> update(Grant grant, String teamId, String memberId, MemberPatch body, Role role) {
        if (role != null) {
            Access.checkAtMost(grant.caller(), role, "give the role");
        }
        return audited.change(grant, memberId, body, tx -> members.lock(tx.conn(), teamId, memberId)
                .onItem().ifNull().failWith(() -> notFound(memberId))
                .invoke(member -> Access.checkAtMost(grant.caller(), member.role(), "change a member of role"))
                .chain(member -> members.update(tx.conn(), teamId, memberId, body.name() != null, RequestParams.optional(body.name()),
                        role)));
    }

    public Uni<Void> delete(Grant grant, String teamId, String memberId) {
        return audited.change(grant, memberId, null, tx -> members.lock(tx.conn(), teamId, memberId)
                .onItem().ifNull().failWith(() -> notFound(memberId))
                .invoke(member -> Access.checkAtMost(grant.caller(), member.role(), "remove a member of role"))
                .chain(member -> members.delete(tx.conn(), teamId, memberId))).replaceWithVoid();
    }

    static ApiException notFound(String memberId) {
        return ApiException.notFound("No member " + RequestParams.shown(memberId) + " in this team");
    }
}
