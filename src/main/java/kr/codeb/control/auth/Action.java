package kr.codeb.control.auth;

/**
 * Every API action with the least role that may perform it: the permission table of SPEC §4 in one
 * place. {@link #auditName()} is also the audit log's {@code action}. System-only actions need a
 * system key whatever the role.
 */
public enum Action {
    TEAM_LIST("team.list", Role.VIEWER, "list teams"),
    TEAM_CREATE("team.create", Role.OWNER, true, "create teams"),
    TEAM_READ("team.read", Role.VIEWER, "read a team"),
    TEAM_UPDATE("team.update", Role.ADMIN, "change a team"),
    TEAM_DELETE("team.delete", Role.OWNER, "delete a team"),

    MEMBER_LIST("member.list", Role.VIEWER, "list members"),
    MEMBER_CREATE("member.create", Role.ADMIN, "add members"),
    MEMBER_UPDATE("member.update", Role.ADMIN, "change members"),
    MEMBER_DELETE("member.delete", Role.ADMIN, "remove members"),

    API_KEY_LIST("api_key.list", Role.ADMIN, "list API keys"),
    API_KEY_CREATE("api_key.create", Role.ADMIN, "create API keys"),
    API_KEY_REVOKE("api_key.revoke", Role.ADMIN, "revoke API keys"),

    PROJECT_LIST("project.list", Role.VIEWER, "list projects"),
    PROJECT_READ("project.read", Role.VIEWER, "read a project"),
    PROJECT_CREATE("project.create", Role.MEMBER, "create projects"),
    PROJECT_UPSERT("project.upsert", Role.MEMBER, "create or replace projects"),
    PROJECT_UPDATE("project.update", Role.MEMBER, "change projects"),
    PROJECT_DELETE("project.delete", Role.ADMIN, "delete projects"),

    SLOT_READ("slot.read", Role.VIEWER, "read slots"),
    SLOT_LIST("slot.list", Role.VIEWER, "list slots"),
    SLOT_PROMOTE("slot.promote", Role.MEMBER, "promote"),
    SLOT_ROLLBACK("slot.rollback", Role.MEMBER, "roll back"),
    SLOT_HEALTH("slot.health", Role.MEMBER, "report slot health"),
    ENVIRONMENT_FREEZE("environment.freeze", Role.ADMIN, "freeze an environment"),
    ENVIRONMENT_UNFREEZE("environment.unfreeze", Role.ADMIN, "unfreeze an environment"),
    POLICY_READ("policy.read", Role.VIEWER, "read an environment's promotion policy"),
    POLICY_UPDATE("policy.update", Role.ADMIN, "change an environment's promotion policy"),
    PROMOTION_REQUEST("promotion.request", Role.MEMBER, "request promotions"),
    PROMOTION_READ("promotion.read", Role.VIEWER, "read promotion requests"),
    PROMOTION_APPROVE("promotion.approve", Role.MEMBER, "approve promotion requests"),
    PROMOTION_REJECT("promotion.reject", Role.MEMBER, "reject promotion requests"),
    DEPLOYMENT_CREATE("deployment.create", Role.MEMBER, "deploy"),
    DEPLOYMENT_UPDATE("deployment.update_status", Role.MEMBER, "report deployment status"),
    DEPLOYMENT_READ("deployment.read", Role.VIEWER, "read deployments"),
    DEPLOYMENT_LIST("deployment.list", Role.VIEWER, "list deployments"),
    DEPLOYMENT_STATS("deployment.stats", Role.VIEWER, "read deployment statistics"),
    DEPLOYMENT_CANCEL("deployment.cancel", Role.MEMBER, "cancel deployments"),
    DEPLOY_LOCK_READ("deploy_lock.read", Role.VIEWER, "read the deploy lock"),
    DEPLOY_LOCK_RELEASE("deploy_lock.release", Role.ADMIN, "force the deploy lock open"),

    ENV_READ("env.read", Role.VIEWER, "read env variables"),
    ENV_REVEAL("env.reveal", Role.MEMBER, "reveal env values"),
    ENV_WRITE("env.write", Role.MEMBER, "write env variables"),
    ENV_ROLLBACK("env.rollback", Role.MEMBER, "roll back env variables"),

    DOMAIN_LIST("domain.list", Role.VIEWER, "list domains"),
    DOMAIN_CREATE("domain.create", Role.ADMIN, "add domains"),
    DOMAIN_UPDATE("domain.update", Role.ADMIN, "change domains"),
    DOMAIN_DELETE("domain.delete", Role.ADMIN, "remove domains"),
    DOMAIN_ROUTE("domain.route", Role.OWNER, true, "resolve a domain's route"),

    TASK_LIST("work_task.list", Role.VIEWER, "list work tasks"),
    TASK_READ("work_task.read", Role.VIEWER, "read work tasks"),
    TASK_CREATE("work_task.create", Role.MEMBER, "create work tasks"),
    TASK_UPDATE("work_task.update", Role.MEMBER, "change work tasks"),
    TASK_NOTE("work_task.note", Role.MEMBER, "add progress notes"),
    LOCK_CREATE("lock.create", Role.MEMBER, "lock files"),
    LOCK_DELETE("lock.delete", Role.MEMBER, "release file locks"),
    LOCK_LIST("lock.list", Role.VIEWER, "list file locks"),
    LOCK_CHECK("lock.check", Role.VIEWER, "check file locks"),

    WEBHOOK_LIST("webhook.list", Role.ADMIN, "list webhooks"),
    WEBHOOK_READ("webhook.read", Role.ADMIN, "read webhooks"),
    WEBHOOK_CREATE("webhook.create", Role.ADMIN, "add webhooks"),
    WEBHOOK_UPDATE("webhook.update", Role.ADMIN, "change webhooks"),
    WEBHOOK_DELETE("webhook.delete", Role.ADMIN, "remove webhooks"),
    WEBHOOK_ROTATE("webhook.rotate_secret", Role.ADMIN, "rotate webhook secrets"),
    WEBHOOK_PING("webhook.ping", Role.ADMIN, "ping webhooks"),
    WEBHOOK_DELIVERY_LIST("webhook.delivery_list", Role.ADMIN, "list webhook deliveries"),
    WEBHOOK_DELIVERY_READ("webhook.delivery_read", Role.ADMIN, "read webhook deliveries"),
    WEBHOOK_REDELIVER("webhook.redeliver", Role.ADMIN, "redeliver webhook deliveries"),

    AUDIT_LIST("audit.list", Role.ADMIN, "read the audit log"),
    AUDIT_CLEANUP("audit.cleanup", Role.OWNER, true, "run the audit cleanup"),

    DB_STATS("admin.db_stats", Role.OWNER, true, "read database statistics"),

    PROXY_CADDY_CONFIG("proxy.caddy_config", Role.OWNER, true, "read the generated Caddy config"),
    PROXY_STATUS("proxy.status", Role.OWNER, true, "read the edge sync status");

    private final String auditName;
    private final Role minimum;
    private final boolean systemOnly;
    private final String description;

    Action(String auditName, Role minimum, String description) {
        this(auditName, minimum, false, description);
    }

    Action(String auditName, Role minimum, boolean systemOnly, String description) {
        this.auditName = auditName;
        this.minimum = minimum;
        this.systemOnly = systemOnly;
        this.description = description;
    }

    public String auditName() {
        return auditName;
    }

    public Role minimum() {
        return minimum;
    }

    public boolean systemOnly() {
        return systemOnly;
    }

    public String description() {
        return description;
    }

    /** The audit resource type: the part of the name before the dot. */
    public String resource() {
        return auditName.substring(0, auditName.indexOf('.'));
    }
}
