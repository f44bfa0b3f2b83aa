package kr.codeb.control.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesiredRoutesTest {

    private static DesiredRoutes.Known domain(String name, String team, String project, String env, String status) {
        return new DesiredRoutes.Known(name, team, project, env, status);
    }

    @Test
    void pendingAndActiveDomainsRouteToTheActivePortOfTheirEnvironment() {
        var desired = DesiredRoutes.compute(List.of(
                        domain("a.example.com", "t1", "app", "production", "active"),
                        domain("b.example.com", "t1", "app", "production", "pending"),
                        domain("c.example.com", "t1", "app", "staging", "active"),
                        domain("d.example.com", "t1", "app", "production", "error")),
                Map.of("app/production", new DesiredRoutes.Target("t1", 3001), "app/staging", new DesiredRoutes.Target("t1", 4001)),
                "127.0.0.1");
        assertEquals(Map.of("a.example.com", "127.0.0.1:3001", "b.example.com", "127.0.0.1:3001", "c.example.com", "127.0.0.1:4001"), desired);
    }

    @Test
    void anEnvironmentWithoutAnActiveSlotOrWithAnInvalidPortRoutesNothing() {
        var desired = DesiredRoutes.compute(List.of(
                        domain("a.example.com", "t1", "app", "production", "active"),
                        domain("b.example.com", "t1", "app", "staging", "active"),
                        domain("c.example.com", "t1", "app", "preview", "active"),
                        domain("e.example.com", "t1", "other", "production", "active")),
                Map.of("app/production", new DesiredRoutes.Target("t1", null), "app/staging", new DesiredRoutes.Target("t1", 0),
                        "app/preview", new DesiredRoutes.Target("t1", 70000)),
                "127.0.0.1");
        assertEquals(Map.of(), desired);
    }

    @Test
    void aDomainOfAnotherTeamNeverRoutesToThisTeamsEnvironment() {
        var desired = DesiredRoutes.compute(List.of(
                        domain("mine.example.com", "t1", "app", "production", "active"),
                        domain("theirs.example.com", "t2", "app", "production", "active")),
                Map.of("app/production", new DesiredRoutes.Target("t1", 3001)), "127.0.0.1");
        assertEquals(Map.of("mine.example.com", "127.0.0.1:3001"), desired);
    }

    @Test
    void anInvalidUpstreamHostRoutesNothing() {
        var desired = DesiredRoutes.compute(List.of(domain("a.example.com", "t1", "app", "production", "active")),
                Map.of("app/production", new DesiredRoutes.Target("t1", 3001)), "bad host");
        assertEquals(Map.of(), desired);
    }
}
