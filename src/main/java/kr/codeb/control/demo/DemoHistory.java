package kr.codeb.control.demo;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import kr.codeb.control.audit.Grant;
import kr.codeb.control.auth.Action;
import kr.codeb.control.auth.Caller;
import kr.codeb.control.common.config.CodebConfig;
import kr.codeb.control.deployment.NewDeployment;
import kr.codeb.control.deployment.ReleaseService;
import kr.codeb.control.deployment.StatusReport;
import kr.codeb.control.domain.DomainNames;
import kr.codeb.control.domain.DomainService;
import kr.codeb.control.domain.NewDomain;
import kr.codeb.control.env.EnvService;
import kr.codeb.control.project.NewProject;
import kr.codeb.control.project.ProjectService;
import kr.codeb.control.team.NewTeam;
import kr.codeb.control.team.TeamService;

/**
 * The demo's history, made through the same services the API calls (so it is validated, audited and mirrored like any
 * other change): team {@code demo}, project {@code demo-app}, a domain, and in production two env versions and two
 * releases, v1 and v2, each deployed, reported successful and promoted.
 */
@ApplicationScoped
class DemoHistory {

    static final String TEAM = "demo";
    static final String PROJECT = "demo-app";
    static final String ENV = "production";
    /** Harmless values: they are shown masked, and revealed only to a member who asks. */
    static final Map<String, String> FIRST_VARIABLES = Map.of("LOG_LEVEL", "info", "FEATURE_X", "off");
    private static final String SUBDOMAIN = "subdomain";
    /** The caller every demo change is made and audited as: the service itself, with no request behind it. */
    static final Caller CALLER = Caller.system(null, "demo-data");

    private final TeamService teams;
    private final ProjectService projects;
    private final DomainService domains;
    private final EnvService envs;
    private final ReleaseService releases;
    private final CodebConfig config;

    DemoHistory(TeamService teams, ProjectService projects, DomainService domains, EnvService envs, ReleaseService releases,
            CodebConfig config) {
        this.teams = teams;
        this.projects = projects;
        this.domains = domains;
        this.envs = envs;
        this.releases = releases;
        this.config = config;
    }

    /** Makes the whole history; answers the demo's domain name. Assumes the database has no team yet. */
    Uni<String> create() {
        String domain;
        try {
            // checked before anything is written, so a base-domain setting it cannot use leaves no half-made demo
            domain = domain();
        } catch (IllegalStateException e) {
            return Uni.createFrom().failure(e);
        }
        NewTeam team = new NewTeam(null, "Demo Team", TEAM, "demo@example.com", null, null);
        return teams.create(grant(Action.TEAM_CREATE, null), team).chain(t -> project(t.id(), domain)).replaceWith(domain);
    }

    private Uni<Void> project(String team, String domain) {
        NewProject project = new NewProject(PROJECT, team, "nodejs", null, null, null, null);
        return projects.create(grant(Action.PROJECT_CREATE, team), team, PROJECT, project)
                .chain(() -> domains.create(grant(Action.DOMAIN_CREATE, team), PROJECT, domain, ENV, new NewDomain(domain, ENV, SUBDOMAIN)))
                .chain(() -> envs.replace(grant(Action.ENV_WRITE, team), PROJECT, ENV, FIRST_VARIABLES, null))
                .chain(() -> release(team, "v1", 4101))
                // v2 ships with FEATURE_X switched on: a rollback with restoreVariables brings version 1 back
                .chain(() -> envs.patch(grant(Action.ENV_WRITE, team), PROJECT, ENV, Map.of("FEATURE_X", "on"), Set.of(), null))
                .chain(() -> release(team, "v2", 4102));
    }

    /** Deploys {@code version}, reports it successful and promotes it, as a pipeline would. */
    private Uni<Void> release(String team, String version, int port) {
        NewDeployment build = new NewDeployment(version, "registry.example.com/demo-app:" + version, port);
        return releases.deploy(grant(Action.DEPLOYMENT_CREATE, team), PROJECT, ENV, build, null, false, null)
                .chain(d -> releases.report(grant(Action.DEPLOYMENT_UPDATE, team), d.deployment(),
                        new StatusReport("success", null, 42_000)))
                .chain(() -> releases.promote(grant(Action.SLOT_PROMOTE, team), PROJECT, ENV, null))
                .replaceWithVoid();
    }

    /** {@code demo-app.} under the first base domain, checked as the domain API checks a subdomain. */
    private String domain() {
        String base = config.baseDomains().isEmpty() ? "" : DomainNames.normalise(config.baseDomains().get(0));
        String domain = PROJECT + "." + base;
        if (!DomainNames.isValid(domain) || DomainNames.typeProblem(domain, SUBDOMAIN, config.baseDomains()).isPresent()) {
            throw new IllegalStateException("'" + domain + "' is not a usable subdomain of CODEB_BASE_DOMAINS");
        }
        return domain;
    }

    /** A grant of {@code action} on {@code team} to {@link #CALLER}, outside any request. */
    private static Grant grant(Action action, String team) {
        return new Grant(CALLER, action, team, null);
    }
}
