package kr.codeb.control.proxy;

import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The desired state of SPEC §9, computed from what the database says: every domain with status {@code pending} or
 * {@code active} whose project environment has an active slot with a valid port routes to that port. A domain counts
 * only for an environment of its own team. Pure.
 */
public final class DesiredRoutes {

    /** A registered domain, as the memory and {@code routes.json} keep it. */
    public record Known(String domain, String teamId, String projectName, String environment, String status) {

        public boolean routable() {
            return "pending".equals(status) || "active".equals(status);
        }

        String envKey() {
            return key(projectName, environment);
        }
    }

    /** A project environment: its team and the port of its active slot (null: none). */
    public record Target(String teamId, Integer activePort) {
    }

    private DesiredRoutes() {
    }

    public static String key(String project, String environment) {
        return project + "/" + environment;
    }

    /** Domain → dial for every domain of {@code domains} that routes; in name order. */
    public static SortedMap<String, String> compute(Collection<Known> domains, Map<String, Target> environments, String upstreamHost) {
        SortedMap<String, String> out = new TreeMap<>();
        for (Known d : domains) {
            Target t = environments.get(d.envKey());
            if (!d.routable() || t == null || t.activePort() == null || !sameTeam(d.teamId(), t.teamId())) {
                continue;
            }
            Dials.of(upstreamHost, t.activePort()).ifPresent(dial -> out.put(d.domain(), dial));
        }
        return out;
    }

    private static boolean sameTeam(String a, String b) {
        return (a == null ? "" : a).equals(b == null ? "" : b);
    }
}
