package kr.codeb.control.common.web;

/**
 * Told of every {@code /api} request the HTTP edge answers by itself, before any filter or resource runs (a target,
 * headers or body over their limits), so that it is audited like any other call. The audit feature implements it;
 * the edge knows nothing of audit rows.
 */
public interface EdgeRejections {

    void rejected(String method, String path, String ip, String userAgent, int status, String detail);
}
