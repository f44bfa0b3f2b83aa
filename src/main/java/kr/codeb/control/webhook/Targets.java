package kr.codeb.control.webhook;

import io.quarkus.runtime.LaunchMode;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import kr.codeb.control.common.config.CodebConfig;

/**
 * {@link TargetRules} applied with this service's settings: at create (shape and resolved addresses) and again before
 * every send, which then connects to the very address that was checked, so a DNS answer that changes in between (DNS
 * rebinding) cannot point a delivery at a refused address.
 */
@ApplicationScoped
class Targets {

    /** A checked target and the address to connect to. */
    record Resolved(TargetRules.Target target, InetAddress address) {
    }

    private final boolean allowPrivate;
    private final boolean httpAllowed;

    Targets(CodebConfig config) {
        this.allowPrivate = config.webhookAllowPrivate();
        // SPEC §10: https in prod unless private targets are allowed; dev and tests may use plain http
        this.httpAllowed = allowPrivate || LaunchMode.current() != LaunchMode.NORMAL;
    }

    /** The shape rules only (no I/O): {@link TargetRules.Refused} when they fail. */
    TargetRules.Target parse(String url) {
        return TargetRules.parse(url, httpAllowed);
    }

    /**
     * Resolves the host off the event loop and checks every address it has (one refused address refuses the target: the
     * resolver may answer in any order); fails with {@link TargetRules.Refused}.
     */
    Uni<Resolved> resolve(String url) {
        TargetRules.Target target;
        try {
            target = parse(url);
        } catch (TargetRules.Refused e) {
            return Uni.createFrom().failure(e);
        }
        Context context = Vertx.currentContext();
        Uni<Resolved> lookup = Uni.createFrom().item(() -> check(target)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        // back on the caller's Vert.x context, where the database client and the HTTP answer expect to continue
        return context == null ? lookup : lookup.emitOn(task -> context.runOnContext(v -> task.run()));
    }

    private Resolved check(TargetRules.Target target) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(target.host());
        } catch (UnknownHostException e) {
            throw new TargetRules.Refused("host " + target.host() + " does not resolve");
        }
        if (addresses.length == 0) {
            throw new TargetRules.Refused("host " + target.host() + " does not resolve");
        }
        if (!allowPrivate) {
            for (InetAddress a : addresses) {
                TargetRules.refusal(a).ifPresent(why -> {
                    throw new TargetRules.Refused("host " + target.host() + " resolves to " + why + " (" + a.getHostAddress()
                            + "); such targets need CODEB_WEBHOOK_ALLOW_PRIVATE=true");
                });
            }
        }
        return new Resolved(target, addresses[0]);
    }
}
