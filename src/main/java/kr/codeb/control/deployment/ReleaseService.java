package kr.codeb.control.deployment;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import kr.codeb.control.audit.Grant;
import kr.codeb.control.common.Ids;
import kr.codeb.control.common.config.CodebConfig;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.common.db.Tx;
import kr.codeb.control.common.problem.DbFailures;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.policy.PolicyRepository;
import kr.codeb.control.slot.Freeze;
import kr.codeb.control.slot.HealthStatus;
import kr.codeb.control.slot.Slot;
import kr.codeb.control.slot.SlotChange;
import kr.codeb.control.slot.SlotChanges;
import kr.codeb.control.slot.SlotChanges.Decision;
import kr.codeb.control.slot.SlotColor;
import kr.codeb.control.slot.SlotCommand;
import kr.codeb.control.slot.SlotFallback;
import kr.codeb.control.slot.SlotMachine;
import kr.codeb.control.slot.SlotPair;
import kr.codeb.control.slot.SlotState;
import kr.codeb.control.slot.SlotView;
import kr.codeb.control.slot.StoredSlots;

/**
 * The release operations, each one {@link SlotChanges} transition with its deployment side effects: deploy (a new
 * pending deployment on the idle slot), status reports (with the team's auto-promotion), promote and rollback.
 */
@ApplicationScoped
public class ReleaseService {

    /** The answer to a deploy: the new deployment, the slots after it, and its place when it was queued (else null). */
    public record Deployed(Deployment deployment, SlotView slot, @com.fasterxml.jackson.annotation.JsonInclude(
            com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) QueuePlace queue) {
    }

    /** A queued deployment's place: 1 starts next; {@code blockedBy} holds the lock (or heads the queue). */
    public record QueuePlace(int position, String blockedBy) {
    }

    private static final int QUEUE_RETRY_AFTER_SECONDS = 30;

    private final Db db;
    private final SlotChanges changes;
    private final DeploymentRepository deployments;
    private final VariableRestore variables;
    private final SlotFallback fallback;
    private final CodebConfig config;
    private final DeployQueue queue;
    private final PolicyRepository policies;
    private final AutoPromotions autoPromotions;

    ReleaseService(Db db, SlotChanges changes, DeploymentRepository deployments, VariableRestore variables, SlotFallback fallback,
            CodebConfig config, DeployQueue queue, PolicyRepository policies, AutoPromotions autoPromotions) {
        this.policies = policies;
        this.autoPromotions = autoPromotions;
        this.db = db;
        this.changes = changes;
        this.deployments = deployments;
        this.variables = variables;
        this.fallback = fallback;
        this.config = config;
        this.queue = queue;
    }

    /**
     * Deploys a build, or redeploys an earlier successful one. While another deployment holds the lock the request is
     * refused (409), or, with {@code wait}, queued behind it until then; {@code supersede} cancels the queued ones first.
     */
    public Uni<Deployed> deploy(Grant grant, String project, String env, NewDeployment body, Duration wait, boolean supersede,
            String ifMatch) {
        body.check();
        AtomicReference<Deployed> answer = new AtomicReference<>();
        SlotChange change = new SlotChange(project, env, grant.actor(), grant.record(project, null), ifMatch, "deploying");
        String id = Ids.newId("dep");
        String by = grant.caller().name();
        return db.transaction(tx -> changes.apply(tx, change, (conn, locked, frozen) -> source(conn, project, env, body)
                .chain(from -> deployments.inFlight(conn, project, env).chain(holder -> deployments.queued(conn, project, env)
                        .map(queue -> {
                            String version = from == null ? body.version().trim() : from.version();
                            String image = from == null ? body.image().trim() : from.image();
                            Integer port = from == null ? body.port() : from.port();
                            String fromId = from == null ? null : from.id();
                            if (holder == null && queue.isEmpty()) {
                                SlotMachine.Result r = SlotMachine.deploy(locked.pair(), version, image, port, by, Instant.now());
                                return new Decision(r, c -> restore(c, by, project, env, body.restoring() ? from : null)
                                        .chain(() -> deployments.currentEnvVersion(c, project, env))
                                        .chain(envVersion -> deployments.insert(c, new DeploymentRepository.Draft(id, project, env,
                                                r.target(), version, image, port, by, envVersion, null, fromId, body.restoring())))
                                        .map(dep -> {
                                            answer.set(new Deployed(dep, null, null));
                                            return params("deploymentId", dep.id(), "slot", r.target().wire(), "version", version,
                                                    "image", image, "fromDeployment", fromId);
                                        }));
                            }
                            if (wait == null) {
                                throw holder != null ? deployLock(holder) : ApiException.conflict("Deployments of " + project + "/" + env
                                        + " are queued for the deploy lock; deploy with wait= to queue behind them");
                            }
                            List<Deployment> ahead = supersede ? List.of() : queue;
                            if (ahead.size() >= config.deployQueueMax()) {
                                throw queueFull(project, env, ahead.size());
                            }
                            Deployment blocker = holder != null ? holder : queue.get(0);
                            OffsetDateTime until = OffsetDateTime.now().plus(wait);
                            return new Decision(SlotMachine.unchanged(locked.pair()), c -> cancelAll(c, supersede ? queue : List.of(), by, id)
                                    .chain(() -> deployments.insert(c, new DeploymentRepository.Draft(id, project, env, null, version, image,
                                            port, by, null, until, fromId, body.restoring())))
                                    .map(dep -> {
                                        answer.set(new Deployed(dep, null, new QueuePlace(ahead.size() + 1, blocker.id())));
                                        return params("deploymentId", dep.id(), "queued", true, "position", ahead.size() + 1,
                                                "blockedBy", blocker.id(), "version", version, "fromDeployment", fromId,
                                                "superseded", supersede ? ended(queue) : null);
                                    }));
                        })))))
                .map(view -> {
                    Deployed d = answer.get();
                    return new Deployed(d.deployment(), view, d.queue());
                });
    }

    /** The earlier deployment a redeploy copies: this project environment's, and successful; null for a new build. */
    private Uni<Deployment> source(SqlConnection conn, String project, String env, NewDeployment body) {
        if (!body.redeploy()) {
            return Uni.createFrom().nullItem();
        }
        return deployments.find(conn, body.fromDeployment().trim()).map(from -> {
            if (from == null || !from.projectName().equals(project)) {
                throw ApiException.notFound("No deployment " + body.fromDeployment().trim() + " in project " + project);
            }
            if (!from.environment().equals(env)) {
                throw ApiException.conflict("Deployment " + from.id() + " was made to " + from.environment() + ", not " + env
                        + "; a redeploy brings back a release of the same environment");
            }
            if (from.status() != DeploymentStatus.SUCCESS) {
                throw ApiException.conflict("Deployment " + from.id() + " ended " + from.status().wire()
                        + "; only a successful deployment can be redeployed");
            }
            if (body.restoring() && from.envVersion() == null) {
                throw ApiException.conflict("Cannot restore variables: deployment " + from.id() + " recorded no env-var version;"
                        + " redeploy without restoreVariables");
            }
            return from;
        });
    }

    private Uni<Void> restore(SqlConnection c, String by, String project, String env, Deployment from) {
        return from == null ? Uni.createFrom().voidItem() : variables.restore(c, by, project, env, from).replaceWithVoid();
    }

    private Uni<Void> cancelAll(SqlConnection c, List<Deployment> queued, String by, String newer) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (Deployment d : queued) {
            done = done.chain(() -> deployments.cancel(c, d.id(), by, "superseded by " + newer)).replaceWithVoid();
        }
        return done;
    }

    /** Deployments that ended, for the audit row and the events: id and version of each. */
    static List<Map<String, Object>> ended(List<Deployment> ended) {
        return ended.stream().map(d -> params("deploymentId", d.id(), "version", d.version())).toList();
    }

    private static ApiException queueFull(String project, String env, int size) {
        return new ApiException(429, "queue-full", "Too many requests", size + " deployments of " + project + "/" + env
                + " are already queued (CODEB_DEPLOY_QUEUE_MAX); retry when one has started, or deploy with supersede=true",
                Map.of("retryAfter", QUEUE_RETRY_AFTER_SECONDS));
    }

    /**
     * Promotes the deployed slot: its latest deployment must have succeeded and, where the environment's policy has a health
     * check, the slot must be healthy (409 {@code slot-unhealthy}). Approvals are asked for before this is called.
     */
    public Uni<SlotView> promote(Grant grant, String project, String env, String ifMatch) {
        return promote(grant, project, env, ifMatch, Map.of());
    }

    /** As {@link #promote(Grant, String, String, String)}, with {@code params} for the audit row (and its event). */
    public Uni<SlotView> promote(Grant grant, String project, String env, String ifMatch, Map<String, Object> params) {
        return db.transaction(tx -> promote(tx, grant, project, env, ifMatch, params));
    }

    /** The promote in {@code tx}, for a caller that changes more in the same transaction (an approved promotion request). */
    public Uni<SlotView> promote(Tx tx, Grant grant, String project, String env, String ifMatch, Map<String, Object> params) {
        SlotChange change = new SlotChange(project, env, grant.actor(), grant.record(project, params.isEmpty() ? null : params), ifMatch,
                "promoting");
        return changes.apply(tx, change, (conn, locked, frozen) -> {
            Optional<Slot> deployed = locked.pair().find(SlotState.DEPLOYED);
            Uni<Deployment> latest = deployed.isEmpty() ? Uni.createFrom().nullItem()
                    : deployments.latestOnSlot(conn, project, env, deployed.get().name());
            return latest.chain(dep -> policies.find(conn, project, env).map(policy -> {
                Decision d = promotion(locked.pair(), dep, dep != null && dep.status() == DeploymentStatus.SUCCESS, grant.caller().name());
                if (!d.result().refused() && policy.gatesOnHealth() && deployed.get().healthStatus() != HealthStatus.HEALTHY) {
                    throw unhealthy(deployed.get());
                }
                return d;
            }));
        });
    }

    static ApiException unhealthy(Slot slot) {
        return new ApiException(409, "slot-unhealthy", "Slot unhealthy", "The " + slot.name().wire() + " slot is "
                + slot.healthStatus().wire() + "; the environment's policy promotes only a healthy slot (its health check runs every"
                + " few seconds, or report health with PATCH …/slots/" + slot.name().wire() + ")",
                Map.of("slot", slot.name().wire(), "healthStatus", slot.healthStatus().wire()));
    }

    /**
     * Back to the grace slot; the deployment leaving the active slot is marked rolled back, and with {@code restoreVariables}
     * the env version the restored deployment recorded comes back too. While the database is down the rollback is journaled
     * (when degraded writes allow it), except a restore of variables, which needs the database.
     */
    public Uni<SlotView> rollback(Grant grant, String project, String env, String reason, boolean restoreVariables, String ifMatch) {
        Map<String, Object> params = params("reason", reason, "restoreVariables", restoreVariables);
        SlotChange change = new SlotChange(project, env, grant.actor(), grant.record(project, params), ifMatch, null);
        return db.transaction(tx -> changes.apply(tx, change, rollbackStep(grant.caller().name(), reason, restoreVariables)))
                .onFailure(DbFailures::isUnreachable).recoverWithUni(e -> restoreVariables
                        ? Uni.createFrom().failure(ApiException.unavailable(
                                "The database is unavailable and restoring variables needs the database; retry shortly"))
                        : fallback.journal(grant.caller(), project, env, new SlotCommand.Rollback(reason), e));
    }

    /** The rollback as a step: also what a rollback journaled during an outage replays through. */
    public SlotChanges.Step rollbackStep(String by, String reason, boolean restoreVariables) {
        return (conn, locked, frozen) -> {
            SlotMachine.Result r = SlotMachine.rollback(locked.pair());
            if (r.refused()) {
                return Uni.createFrom().item(Decision.of(r));
            }
            return Uni.createFrom().item(new Decision(r, c -> {
                Map<String, Object> extra = new LinkedHashMap<>();
                String project = locked.projectName();
                String env = locked.environment();
                Uni<Void> marked = deployments.latestOnSlot(c, project, env, r.target().other()).chain(leaving -> {
                    if (leaving == null) {
                        return Uni.createFrom().voidItem();
                    }
                    extra.put("rolledBackDeploymentId", leaving.id());
                    return deployments.markRolledBack(c, leaving.id(), by, reason);
                });
                Uni<Void> restored = !restoreVariables ? Uni.createFrom().voidItem()
                        : deployments.latestOnSlot(c, project, env, r.target())
                                .chain(d -> variables.restore(c, by, project, env, d))
                                .invoke(extra::putAll).replaceWithVoid();
                return marked.chain(() -> restored).replaceWith(extra);
            }));
        };
    }

    /**
     * Applies a status report to {@code known} (read before authorisation). With the team's
     * {@code deploymentDefaults.autoPromote}, a success promotes the slot in the same transaction unless the environment
     * is frozen or a newer deployment replaced this one.
     */
    public Uni<Deployment> report(Grant grant, Deployment known, StatusReport report) {
        DeploymentStatus to = DeploymentStatus.of(report.status());
        JsonArray steps = report.steps() == null ? null : new JsonArray(report.steps());
        AtomicReference<Deployment> answer = new AtomicReference<>();
        SlotChange change = new SlotChange(known.projectName(), known.environment(), grant.actor(), grant.record(known.id(), null), null,
                null);
        return db.transaction(tx -> changes.apply(tx, change, (conn, locked, frozen) -> deployments.lock(conn, known.id())
                .onItem().ifNull().failWith(() -> ApiException.notFound("No such deployment"))
                .chain(current -> {
                    if (current.isFinal()) {
                        throw ApiException.conflict("Deployment " + current.id() + " already ended with " + current.status().wire()
                                + "; a final status cannot change");
                    }
                    if (current.status() == DeploymentStatus.QUEUED) {
                        throw ApiException.conflict("Deployment " + current.id() + " is queued for the deploy lock and has not started;"
                                + " report its status once it is pending");
                    }
                    Map<String, Object> params = params("from", current.status().wire(), "to", to.wire(), "duration", report.duration(),
                            "version", current.version(), "deploymentSlot", current.slot());
                    Uni<AutoPromotions.AutoPromotion> promote = to == DeploymentStatus.SUCCESS
                            ? autoPromotions.decide(conn, grant.teamId(), locked, current, frozen, params)
                            : Uni.createFrom().item(AutoPromotions.AutoPromotion.NO);
                    return promote.map(auto -> {
                        boolean yes = auto.now();
                        // the report itself makes this deployment the succeeded latest one on its side
                        Decision d = yes ? promotion(locked.pair(), current, true, grant.caller().name())
                                : Decision.of(SlotMachine.unchanged(locked.pair()));
                        return new Decision(d.result(), c -> deployments.updateStatus(c, current.id(), to, steps, report.duration())
                                .call(() -> auto.waitFor() == null ? Uni.createFrom().voidItem()
                                        : autoPromotions.await(c, current.id(), auto.waitFor()))
                                .chain(updated -> d.effects().apply(c).chain(extra -> (yes ? deployments.find(c, current.id())
                                        : Uni.createFrom().item(updated)).map(latest -> {
                                            answer.set(latest);
                                            Map<String, Object> all = new LinkedHashMap<>(params);
                                            all.putAll(extra);
                                            return all;
                                        }))));
                    }).chain(d -> to.isFinal() ? queue.thenStartNext(conn, locked, frozen, d) : Uni.createFrom().item(d));
                })))
                .map(view -> answer.get());
    }

    /** The promote decision: the deployed slot becomes active if {@code latest}, its newest deployment, succeeded; that one is marked. */
    private Decision promotion(SlotPair pair, Deployment latest, boolean succeeded, String by) {
        SlotMachine.Result r = SlotMachine.promote(pair, succeeded, Instant.now(), config.gracePeriod());
        if (r.refused()) {
            return Decision.of(r);
        }
        String id = latest.id();
        return new Decision(r, c -> deployments.markPromoted(c, id, by).replaceWith(params("deploymentId", id, "slot", r.target().wire())));
    }

    static ApiException deployLock(Deployment holder) {
        Map<String, Object> h = params("id", holder.id(), "version", holder.version(), "deployedBy", holder.deployedBy(),
                "status", holder.status().wire(), "since", holder.createdAt() == null ? null : holder.createdAt().toString());
        return ApiException.conflict("Deployment " + holder.id() + " (version " + holder.version() + " by " + holder.deployedBy()
                + ") is " + holder.status().wire() + " since " + holder.createdAt() + "; report its outcome before deploying again",
                Map.of("holder", h));
    }

    /** An ordered map of key/value pairs (values may be null). */
    static Map<String, Object> params(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
