package kr.codeb.control.proxy;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import kr.codeb.control.audit.Actor;
import kr.codeb.control.audit.AuditLog;
import kr.codeb.control.audit.AuditRecord;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.common.events.ChangeEvent;
import org.jboss.logging.Logger;

/**
 * Records a failed sync: one audit row per team concerned ({@code proxy.sync_failed}, actor {@code system}, not a
 * success), and a {@code proxy.sync_failed} event for each domain that was fine before, so that a Caddy outage does not
 * send one event per retry.
 */
@ApplicationScoped
class ProxyFailures {

    private static final Logger LOG = Logger.getLogger(ProxyFailures.class);
    static final String ACTION = "proxy.sync_failed";

    private final Db db;
    private final AuditLog audit;
    private final EdgeMemory memory;

    ProxyFailures(Db db, AuditLog audit, EdgeMemory memory) {
        this.db = db;
        this.audit = audit;
        this.memory = memory;
    }

    Uni<Void> record(Collection<String> domains, Set<String> newlyFailing, String error) {
        // team → its domains; a sync of nothing in particular (a reconcile with no domains) is recorded without a team
        Map<String, List<String>> byTeam = domains.stream().sorted().collect(Collectors.groupingBy(
                d -> memory.domain(d).map(k -> k.teamId() == null ? "" : k.teamId()).orElse(""), TreeMap::new, Collectors.toList()));
        if (byTeam.isEmpty()) {
            byTeam.put("", List.of());
        }
        return Multi.createFrom().iterable(byTeam.entrySet()).onItem().transformToUniAndConcatenate(e -> write(e.getKey(), e.getValue(),
                        newlyFailing, error))
                .collect().last().replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("a failed edge sync could not be audited (%s): %s", e.getMessage(), error);
                    return null;
                });
    }

    private Uni<Void> write(String team, List<String> domains, Set<String> newlyFailing, String error) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("domains", domains);
        String teamId = team.isEmpty() ? null : team;
        return db.transaction(tx -> {
            for (String d : domains) {
                if (newlyFailing.contains(d) && teamId != null) {
                    memory.domain(d).ifPresent(k -> tx.emit(ChangeEvent.of(ACTION, teamId, k.projectName(), k.environment(), "system",
                            "domain", d, "error", error)));
                }
            }
            String resourceId = domains.isEmpty() ? "caddy" : domains.size() == 1 ? domains.get(0)
                    : domains.get(0) + " and " + (domains.size() - 1) + " more";
            return audit.writeRefused(tx.conn(), Actor.SYSTEM, new AuditRecord(ACTION, "proxy", resourceId, teamId, params), error);
        });
    }
}
