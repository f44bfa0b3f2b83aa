package kr.codeb.control.policy;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.codeb.control.audit.Audited;
import kr.codeb.control.audit.Grant;
import kr.codeb.control.common.db.Db;

/** Reads and replaces environment policies; every change audited with the policy it set. */
@ApplicationScoped
public class PolicyService {

    private final Db db;
    private final PolicyRepository policies;
    private final Audited audited;

    PolicyService(Db db, PolicyRepository policies, Audited audited) {
        this.db = db;
        this.policies = policies;
        this.audited = audited;
    }

    public Uni<EnvironmentPolicy> get(String project, String env) {
        return policies.find(db.pool(), project, env);
    }

    public Uni<EnvironmentPolicy> put(Grant grant, EnvironmentPolicy wanted) {
        return audited.change(grant, wanted.projectName(), summary(wanted),
                tx -> policies.put(tx.conn(), wanted, grant.caller().name()));
    }

    private static Map<String, Object> summary(EnvironmentPolicy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("environment", p.environment());
        m.put("healthCheck", p.healthCheck() == null ? null : Map.of("path", p.healthCheck().path(),
                "intervalSeconds", p.healthCheck().intervalSeconds(), "timeoutMs", p.healthCheck().timeoutMs(),
                "healthyAfter", p.healthCheck().healthyAfter(), "unhealthyAfter", p.healthCheck().unhealthyAfter()));
        m.put("autoPromote", p.autoPromote());
        m.put("autoRollbackWindowSeconds", p.autoRollback() == null ? null : p.autoRollback().windowSeconds());
        m.put("requiredApprovals", p.requiredApprovals());
        m.put("preventSelfApproval", p.preventSelfApproval());
        return m;
    }
}
