package kr.codeb.control.proxy;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import kr.codeb.control.domain.DomainChanged;
import kr.codeb.control.project.ProjectDeleted;
import kr.codeb.control.slot.SlotsChanged;

/**
 * Turns each committed change of what a domain routes to into a sync: the event's data goes into {@link EdgeMemory} (no
 * second read of the database), then the domains concerned are synced, and the answer to the change waits for that run
 * (see {@link ProxyAnswers}).
 */
@ApplicationScoped
class EdgeEvents {

    private final EdgeMemory memory;
    private final ProxySync sync;

    EdgeEvents(EdgeMemory memory, ProxySync sync) {
        this.memory = memory;
        this.sync = sync;
    }

    void onStart(@Observes StartupEvent event) {
        // what /proxy/ask answers until the first reconcile has read the database (or during an outage at start-up)
        memory.load();
    }

    /** Promote, rollback, automatic rollback, grace expiry, deploy, journal replay: the active port may have changed. */
    void onSlots(@Observes SlotsChanged changed) {
        memory.putEnvironment(changed.projectName(), changed.environment(), changed.teamId(), changed.view().activePort());
        List<String> domains = memory.domainsOf(changed.projectName(), changed.environment()).stream()
                .map(DesiredRoutes.Known::domain).toList();
        if (!domains.isEmpty()) {
            sync.request(domains, false, "e:" + DesiredRoutes.key(changed.projectName(), changed.environment()));
        }
    }

    void onDomain(@Observes DomainChanged changed) {
        if (changed.status() == null) {
            memory.removeDomain(changed.domain());
        } else {
            memory.putDomain(new DesiredRoutes.Known(changed.domain(), changed.teamId(), changed.projectName(), changed.environment(),
                    changed.status()));
        }
        sync.request(List.of(changed.domain()), false, "d:" + changed.domain());
    }

    void onProjectDeleted(@Observes ProjectDeleted deleted) {
        List<String> gone = memory.removeProject(deleted.name());
        if (!gone.isEmpty()) {
            sync.request(gone, false, null);
        }
    }
}
