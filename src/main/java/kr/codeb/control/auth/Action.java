package kr.codeb.control.auth;

/**
 * Every API action with the least role that may perform it: the permission table of SPEC §4 in one
 * place. The {@code name} is also the audit log's {@code action}.
 */
public enum Action {
    TEAM_LIST("team.list", Role.VIEWER, false, "list teams"),
    TEAM_CREATE("team.create", Role.OWNER, true, "create teams");

    private final String auditName;
    private final Role minimum;
    private final boolean systemOnly;
    private final String description;

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
}
