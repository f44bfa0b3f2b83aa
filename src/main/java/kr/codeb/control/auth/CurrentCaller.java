package kr.codeb.control.auth;

import jakarta.enterprise.context.RequestScoped;
import kr.codeb.control.common.problem.ApiException;

/** The authenticated caller of the current request, set by {@link AuthFilter}. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    /** The caller, or 401 when the request was not authenticated (cannot happen under /api). */
    public Caller get() {
        if (caller == null) {
            throw ApiException.unauthorized("Authentication required");
        }
        return caller;
    }

    public boolean isPresent() {
        return caller != null;
    }
}
