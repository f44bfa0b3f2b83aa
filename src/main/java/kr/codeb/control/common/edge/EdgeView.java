package kr.codeb.control.common.edge;

import io.smallrye.mutiny.Uni;

/**
 * The edge state answers carry: implemented by the proxy sync, used by the slot, deployment and domain resources, which
 * must not depend on it (it depends on them).
 */
public interface EdgeView {

    /** A project environment's state once the sync its last committed change started has finished, waiting at most 2 s. */
    Uni<ProxyState> settled(String project, String environment);

    /** A project environment's state as known now. */
    ProxyState environment(String project, String environment);

    /** A domain's state once the sync its last committed change started has finished, waiting at most 2 s. */
    Uni<ProxyState> settledDomain(String domain);

    /** A domain's state as known now. */
    ProxyState domain(String domain);
}
