package kr.codeb.control.proxy;

import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import kr.codeb.control.common.edge.ProxyState;

/** One state for the domains of an environment: the worst status, the latest applied route, the first error. Pure. */
final class ProxyStates {

    /** Nothing to route and nothing routed: what an environment without domains is. */
    static final ProxyState NOTHING = new ProxyState(ProxyState.SYNCED, null, null, null);

    private ProxyStates() {
    }

    static ProxyState combine(Collection<ProxyState> states) {
        if (states.isEmpty()) {
            return NOTHING;
        }
        String status = states.stream().map(ProxyState::status).max(Comparator.comparingInt(ProxyStates::severity)).orElseThrow();
        ProxyState latest = states.stream().filter(s -> s.appliedPort() != null && s.appliedAt() != null)
                .max(Comparator.comparing(ProxyState::appliedAt)).orElse(null);
        String error = states.stream().map(ProxyState::lastError).filter(Objects::nonNull).findFirst().orElse(null);
        return new ProxyState(status, latest == null ? null : latest.appliedPort(), latest == null ? null : latest.appliedAt(), error);
    }

    private static int severity(String status) {
        return switch (status) {
            case ProxyState.ERROR -> 3;
            case ProxyState.PENDING -> 2;
            case ProxyState.OFF -> 1;
            default -> 0;
        };
    }
}
