package kr.codeb.control.gate;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import kr.codeb.control.policy.EnvironmentPolicy;
import kr.codeb.control.policy.PolicyRepository;
import kr.codeb.control.slot.HealthStatus;
import kr.codeb.control.slot.Slot;
import kr.codeb.control.slot.SlotPair;
import kr.codeb.control.slot.SlotRepository;
import kr.codeb.control.slot.SlotState;
import org.jboss.logging.Logger;

/**
 * The prober of SPEC §12. Every second this replica renews its lease on the environments it probes and claims those no
 * live replica holds ({@link PolicyRepository#claimProbes}): one prober per environment across replicas, and another takes
 * over within a lease when one stops. For each claimed environment at most one cycle runs at a time: when its interval
 * is due, the deployed and active slots are checked, each result recorded with its streak and a crossed threshold turned
 * into {@code healthStatus}; then, due or not, the automatic rollback and the waiting auto-promote are looked at
 * ({@link HealthGate#act}), so a health report by PATCH is acted on as well. Nothing here blocks; a database that cannot
 * be reached means no claims, hence no probes and no automatic changes.
 */
@ApplicationScoped
public class Prober {

    private static final Logger LOG = Logger.getLogger(Prober.class);
    static final Duration LEASE = Duration.ofSeconds(5);
    private static final Duration TICK_SLACK = Duration.ofMillis(500);

    /** Names this replica to operators reading the lease: the pod (HOSTNAME in Kubernetes), the process, a random tail. */
    private final String owner = Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank()).orElse("replica") + ":"
            + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Instant> nextDue = new ConcurrentHashMap<>();
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private final PolicyRepository policies;
    private final SlotRepository slots;
    private final SlotChecks checks;
    private final ProbeClient client;
    private final HealthGate gate;

    Prober(PolicyRepository policies, SlotRepository slots, SlotChecks checks, ProbeClient client, HealthGate gate) {
        this.policies = policies;
        this.slots = slots;
        this.checks = checks;
        this.client = client;
        this.gate = gate;
    }

    @Scheduled(identity = "health-prober", every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return policies.claimProbes(owner, LEASE).invoke(claimed -> {
            nextDue.keySet().retainAll(claimed.stream().map(c -> key(c.policy())).toList());
            claimed.forEach(this::visit);
        }).replaceWithVoid().onFailure().recoverWithItem(e -> {
            LOG.debugf("health prober could not claim environments, will retry: %s", e.getMessage());
            return null;
        });
    }

    void release(@Observes ShutdownEvent event) {
        // hand the environments over at once instead of after the lease; a failure only means the lease runs out
        policies.release(owner).subscribe().with(ok -> { }, e -> { });
    }

    private void visit(PolicyRepository.Claimed claimed) {
        String key = key(claimed.policy());
        if (!busy.add(key)) {
            return;
        }
        cycle(claimed).subscribe().with(done -> busy.remove(key), e -> {
            busy.remove(key);
            LOG.debugf("health cycle of %s failed, will retry: %s", key, e.getMessage());
        });
    }

    private Uni<Void> cycle(PolicyRepository.Claimed claimed) {
        EnvironmentPolicy p = claimed.policy();
        Instant now = Instant.now();
        // ticks come about a second apart, a little early or late: half a tick of slack keeps a 1 s interval at 1 s, not 2
        boolean due = p.healthCheck() != null && !now.plus(TICK_SLACK).isBefore(nextDue.getOrDefault(key(p), Instant.EPOCH));
        if (due) {
            nextDue.put(key(p), now.plusSeconds(p.healthCheck().intervalSeconds()));
        }
        // between probes only the reactions are looked at: one read of the slots, not two
        Uni<Void> probed = !due ? Uni.createFrom().voidItem() : slots.find(p.projectName(), p.environment())
                .chain(stored -> stored == null ? Uni.createFrom().voidItem() : probeAll(claimed.teamId(), p, stored.pair()));
        return probed.chain(() -> slots.find(p.projectName(), p.environment()))
                .chain(after -> after == null ? Uni.createFrom().voidItem() : gate.act(claimed.teamId(), p, after));
    }

    private Uni<Void> probeAll(String team, EnvironmentPolicy p, SlotPair pair) {
        List<Uni<Void>> each = new ArrayList<>(2);
        for (Slot s : List.of(pair.blue(), pair.green())) {
            if ((s.state() == SlotState.DEPLOYED || s.state() == SlotState.ACTIVE) && s.port() != null && s.deployedAt() != null) {
                each.add(probe(team, p, s));
            }
        }
        return each.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(each).andCollectFailures().replaceWithVoid();
    }

    private Uni<Void> probe(String team, EnvironmentPolicy p, Slot s) {
        EnvironmentPolicy.HealthCheck check = p.healthCheck();
        return client.check(s.port(), check.path(), check.timeoutMs()).chain(outcome -> outcome == null ? Uni.createFrom().voidItem()
                : checks.record(p.projectName(), p.environment(), s.name(), s.deployedAt(), outcome.ok(), outcome.detail())
                        .chain(streak -> {
                            HealthStatus to = HealthGate.crossed(check, streak, s.healthStatus());
                            return to == null ? Uni.createFrom().voidItem()
                                    : gate.setHealth(team, p.projectName(), p.environment(), s.name(), s.deployedAt(), to, outcome.detail());
                        }));
    }

    private static String key(EnvironmentPolicy p) {
        return p.projectName() + "/" + p.environment();
    }

    /** This replica's name in {@code environment_policies.probe_owner}. */
    String owner() {
        return owner;
    }
}
