package kr.codeb.control.domain;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import kr.codeb.control.audit.Audited;
import kr.codeb.control.audit.Grant;
import kr.codeb.control.common.db.Tx;
import kr.codeb.control.common.events.ChangeEvent;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.web.RequestParams;

/**
 * Domain changes, each one audited transaction with its {@code domain.changed} event. A domain name is unique across all teams: one held by another team is
 * a 409 that does not say which team.
 */
@ApplicationScoped
public class DomainService {

    private final DomainRepository domains;
    private final Audited audited;
    private final Event<DomainChanged> committed;

    DomainService(DomainRepository domains, Audited audited, Event<DomainChanged> committed) {
        this.domains = domains;
        this.audited = audited;
        this.committed = committed;
    }

    public Uni<Domain> create(Grant grant, String project, String domain, String environment, NewDomain body) {
        return audited.change(grant, domain, body, tx -> domains.insert(tx.conn(), domain, project, environment, body.type(),
                        grant.caller().name())
                .onItem().ifNull().switchTo(() -> domains.holderTeam(tx.conn(), domain)
                        .chain(holder -> Uni.createFrom().failure(taken(domain, grant.teamId().equals(holder)))))
                .invoke(d -> changed(tx, grant, d.projectName(), d.environment(), domain, "created", d.status())));
    }

    public Uni<Domain> update(Grant grant, String project, String domain, DomainPatch body) {
        return audited.change(grant, domain, body, tx -> domains.update(tx.conn(), project, domain, body)
                .onItem().ifNull().failWith(() -> notFound(domain))
                .invoke(d -> changed(tx, grant, d.projectName(), d.environment(), domain, "updated", d.status())));
    }

    public Uni<Void> delete(Grant grant, String project, String domain) {
        return audited.change(grant, domain, null, tx -> domains.delete(tx.conn(), project, domain).invoke(environment -> {
            if (environment == null) {
                throw notFound(domain);
            }
            changed(tx, grant, project, environment.isEmpty() ? null : environment, domain, "deleted", null);
        })).replaceWithVoid();
    }

    private void changed(Tx tx, Grant grant, String project, String environment, String domain, String change, String status) {
        String team = grant.teamId();
        String stillThere = "deleted".equals(change) ? null : status == null ? "pending" : status;
        tx.afterCommit(() -> committed.fire(new DomainChanged(team, domain, project, environment, stillThere)));
        tx.emit(ChangeEvent.of("domain.changed", grant.teamId(), project, environment, grant.caller().name(), "domain", domain,
                "change", change, "status", status));
    }

    private static ApiException taken(String domain, boolean ownTeam) {
        return ownTeam
                ? ApiException.conflict("The domain '" + domain + "' is already registered to a project of this team")
                : ApiException.conflict("The domain '" + domain + "' is already registered");
    }

    static ApiException notFound(String domain) {
        return ApiException.notFound("No domain " + RequestParams.shown(domain) + " on this project");
    }
}
