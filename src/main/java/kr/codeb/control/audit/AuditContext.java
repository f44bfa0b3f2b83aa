package kr.codeb.control.audit;

import jakarta.enterprise.context.RequestScoped;
import kr.codeb.control.auth.Action;

/**
 * What the current request is doing, for its audit row: the action (set by {@code Access.require}),
 * the resource it touched, its parameters (redacted when written), and whether a mutation already
 * wrote the row inside its own transaction.
 */
@RequestScoped
public class AuditContext {

    private long startNanos = System.nanoTime();
    private Action action;
    private String resourceId;
    private String teamId;
    private Object params;
    private boolean recorded;

    public void start(long nanos) {
        this.startNanos = nanos;
    }

    public long startNanos() {
        return startNanos;
    }

    public void action(Action action) {
        this.action = action;
    }

    public Action action() {
        return action;
    }

    /** The id of the resource the request addresses (team id, project name, key id …). */
    public AuditContext resourceId(String resourceId) {
        this.resourceId = resourceId;
        return this;
    }

    public String resourceId() {
        return resourceId;
    }

    /** The team the addressed resource belongs to, when known (system keys have none of their own). */
    public AuditContext teamId(String teamId) {
        this.teamId = teamId;
        return this;
    }

    public String teamId() {
        return teamId;
    }

    /** The request body or parameters; secrets are redacted when the row is written. */
    public AuditContext params(Object params) {
        this.params = params;
        return this;
    }

    public Object params() {
        return params;
    }

    /** Marks that the row was written in the mutation's transaction, so the response filter adds none. */
    public void markRecorded() {
        this.recorded = true;
    }

    public boolean recorded() {
        return recorded;
    }
}
