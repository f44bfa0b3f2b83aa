package kr.codeb.control.proxy;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import kr.codeb.control.common.edge.EdgeView;
import kr.codeb.control.common.edge.ProxyState;

/**
 * The {@code proxy} part of slot and domain answers. A change's answer waits for the sync run its commit started, at most
 * {@link #BOUND}: a slow or absent Caddy makes the answer say {@code pending} or {@code error}, never fail.
 */
// a singleton, not a client proxy: called on every slot read (issue 10)
@Singleton
class ProxyAnswers implements EdgeView {

    static final Duration BOUND = Duration.ofSeconds(2);

    private final ProxySync sync;
    private final EdgeMemory memory;

    ProxyAnswers(ProxySync sync, EdgeMemory memory) {
        this.sync = sync;
        this.memory = memory;
    }

    @Override
    public Uni<ProxyState> settled(String project, String environment) {
        return after(sync.inFlight("e:" + DesiredRoutes.key(project, environment))).map(v -> environment(project, environment));
    }

    @Override
    public ProxyState environment(String project, String environment) {
        if (!sync.enabled()) {
            return ProxyState.NO_SYNC;
        }
        return ProxyStates.combine(memory.domainsOf(project, environment).stream().map(d -> domain(d.domain())).toList());
    }

    @Override
    public Uni<ProxyState> settledDomain(String domain) {
        return after(sync.inFlight("d:" + domain)).map(v -> domain(domain));
    }

    @Override
    public ProxyState domain(String domain) {
        if (!sync.enabled()) {
            return ProxyState.NO_SYNC;
        }
        ProxyState s = sync.state(domain);
        return s == null ? new ProxyState(ProxyState.PENDING, null, null, null) : s;
    }

    private static Uni<Void> after(CompletableFuture<Void> run) {
        if (run == null || run.isDone()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(run).ifNoItem().after(BOUND).recoverWithItem((Void) null)
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
