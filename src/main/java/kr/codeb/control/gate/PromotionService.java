package kr.codeb.control.gate;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import kr.codeb.control.audit.Audited;
import kr.codeb.control.audit.Grant;
import kr.codeb.control.auth.Action;
import kr.codeb.control.common.Ids;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.common.db.Tx;
import kr.codeb.control.common.events.ChangeEvent;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.deployment.Deployment;
import kr.codeb.control.deployment.DeploymentRepository;
import kr.codeb.control.deployment.DeploymentStatus;
import kr.codeb.control.deployment.ReleaseService;
import kr.codeb.control.policy.PolicyRepository;
import kr.codeb.control.slot.Slot;
import kr.codeb.control.slot.SlotMachine;
import kr.codeb.control.slot.SlotPair;
import kr.codeb.control.slot.SlotRepository;
import kr.codeb.control.slot.SlotState;
import kr.codeb.control.slot.SlotView;

/**
 * Promote with the approvals of SPEC §12. Without required approvals a promote runs at once; with them it opens (or
 * answers the open) promotion request, and the approval that completes it runs the promote in its own transaction with
 * the rules in force then, closing the request in that same transaction. A promote that fails there leaves the request
 * pending with the reason, and the approvals already given stand.
 */
@ApplicationScoped
public class PromotionService {

    /** What a promote did: promoted ({@code slot}) or asked for approvals ({@code promotion}). */
    public record Outcome(SlotView slot, Promotion promotion) {
    }

    private final Db db;
    private final PolicyRepository policies;
    private final PromotionRepository promotions;
    private final ReleaseService releases;
    private final SlotRepository slots;
    private final DeploymentRepository deployments;
    private final Audited audited;

    PromotionService(Db db, PolicyRepository policies, PromotionRepository promotions, ReleaseService releases, SlotRepository slots,
            DeploymentRepository deployments, Audited audited) {
        this.db = db;
        this.policies = policies;
        this.promotions = promotions;
        this.releases = releases;
        this.slots = slots;
        this.deployments = deployments;
        this.audited = audited;
    }

    public Uni<Outcome> promote(Grant grant, String project, String env, String ifMatch) {
        return policies.find(db.pool(), project, env).chain(policy -> {
            if (policy.requiredApprovals() == 0) {
                return releases.promote(grant, project, env, ifMatch).map(view -> new Outcome(view, null));
            }
            Grant asking = new Grant(grant.caller(), Action.PROMOTION_REQUEST, grant.teamId(), grant.request());
            return audited.change(asking, project, Map.of("environment", env), tx -> slots.lock(tx.conn(), project, env)
                            .chain(locked -> promotions.open(tx.conn(), project, env).chain(open -> open != null ? Uni.createFrom().item(open)
                                    : requestFor(tx, asking, project, env, locked.pair(), policy.requiredApprovals(),
                                            policy.preventSelfApproval()))),
                    p -> Map.of("promotionId", p.id(), "deploymentId", p.deploymentId(), "required", p.required()))
                    .map(p -> new Outcome(null, p));
        });
    }

    /** Opens a request for the deployed slot's latest deployment, refused (409) exactly where a promote would be. */
    private Uni<Promotion> requestFor(Tx tx, Grant grant, String project, String env, SlotPair pair, int required, boolean preventSelf) {
        Optional<Slot> deployed = pair.find(SlotState.DEPLOYED);
        Uni<Deployment> latest = deployed.isEmpty() ? Uni.createFrom().nullItem()
                : deployments.latestOnSlot(tx.conn(), project, env, deployed.get().name());
        return latest.chain(dep -> {
            // the machine's own refusals (nothing deployed, not succeeded); the grace period plays no part in them
            SlotMachine.Result check = SlotMachine.promote(pair, dep != null && dep.status() == DeploymentStatus.SUCCESS, Instant.now(),
                    Duration.ZERO);
            if (check.refused()) {
                throw ApiException.conflict(check.refusal());
            }
            return promotions.insert(tx.conn(), Ids.newId("prm"), project, env, dep.id(), grant.teamId(), grant.caller().name(),
                    grant.caller().keyId(), required, preventSelf).invoke(p -> tx.emit(event("promotion.requested", p, grant, "required", required)));
        });
    }

    /** Adds the caller's approval; the Nth promotes. 409 unless pending; 403 for the requester when self-approval is prevented. */
    public Uni<Promotion> approve(Grant grant, Promotion known, String ifMatch) {
        return audited.change(grant, known.id(), Map.of("environment", known.environment()), tx -> promotions.find(tx.conn(), known.id(), true)
                .chain(p -> {
                    requirePending(p);
                    if (p.preventSelfApproval() && p.requestedKey() != null && p.requestedKey().equals(grant.caller().keyId())) {
                        throw ApiException.forbidden("You requested this promotion; the policy needs someone else to approve it");
                    }
                    return promotions.approve(tx.conn(), p.id(), grant.caller().name(), approverKey(grant))
                            .chain(() -> promotions.find(tx.conn(), p.id(), false));
                })).chain(p -> p.approvals().size() < p.required() ? Uni.createFrom().item(p) : complete(grant, p, ifMatch));
    }

    private Uni<Promotion> complete(Grant grant, Promotion p, String ifMatch) {
        Grant promoting = new Grant(grant.caller(), Action.SLOT_PROMOTE, grant.teamId(), null);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("promotionId", p.id());
        params.put("approvedBy", p.approvals().stream().map(Promotion.Approval::by).toList());
        return db.transaction(tx -> promotions.find(tx.conn(), p.id(), true).chain(locked -> {
                    requirePending(locked);
                    return releases.promote(tx, promoting, p.projectName(), p.environment(), ifMatch, params)
                            .chain(view -> promotions.decide(tx.conn(), p.id(), "approved", grant.caller().name(), null))
                            .invoke(() -> tx.emit(event("promotion.approved", p, grant, "approvedBy", params.get("approvedBy"))));
                }).replaceWithVoid())
                .onFailure(ApiException.class).recoverWithUni(e -> db.transaction(tx -> promotions.failed(tx.conn(), p.id(), e.getMessage())))
                .chain(() -> promotions.find(db.pool(), p.id(), false));
    }

    public Uni<Promotion> reject(Grant grant, Promotion known, String reason) {
        return audited.change(grant, known.id(), Map.of("environment", known.environment(), "reason", reason == null ? "" : reason),
                tx -> promotions.find(tx.conn(), known.id(), true).chain(p -> {
                    requirePending(p);
                    return promotions.decide(tx.conn(), p.id(), "rejected", grant.caller().name(), reason)
                            .invoke(() -> tx.emit(event("promotion.rejected", p, grant, "reason", reason)));
                })).chain(() -> promotions.find(db.pool(), known.id(), false));
    }

    private static void requirePending(Promotion p) {
        if (!p.pending()) {
            throw ApiException.conflict("Promotion " + p.id() + " is " + p.status() + (p.reason() == null ? "" : " (" + p.reason() + ")")
                    + "; only a pending request can be approved or rejected");
        }
    }

    /** Who an approval is counted as: the key (a system key without an id counts by name). */
    private static String approverKey(Grant grant) {
        return grant.caller().keyId() != null ? grant.caller().keyId() : "name:" + grant.caller().name();
    }

    private static ChangeEvent event(String type, Promotion p, Grant grant, Object... more) {
        Object[] pairs = new Object[4 + more.length];
        pairs[0] = "promotionId";
        pairs[1] = p.id();
        pairs[2] = "deploymentId";
        pairs[3] = p.deploymentId();
        System.arraycopy(more, 0, pairs, 4, more.length);
        return ChangeEvent.of(type, p.teamId(), p.projectName(), p.environment(), grant.caller().name(), pairs);
    }
}
