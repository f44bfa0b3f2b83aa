package kr.codeb.control.auth;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.problem.Problems;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every {@code /api/**} call from {@code Authorization: Bearer <key>} or {@code X-API-Key},
 * before routing, so that an unknown path under /api reveals nothing to an anonymous caller.
 */
public class AuthFilter {

    private final Authenticator authenticator;
    private final CurrentCaller current;
    private final RateLimiter rateLimiter;

    AuthFilter(Authenticator authenticator, CurrentCaller current, RateLimiter rateLimiter) {
        this.authenticator = authenticator;
        this.current = current;
        this.rateLimiter = rateLimiter;
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
    public Uni<Response> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!(path.equals("/api") || path.startsWith("/api/"))) {
            return Uni.createFrom().nullItem();
        }
        String key = presentedKey(request);
        if (key == null) {
            return Uni.createFrom().item(Problems.response(
                    ApiException.unauthorized("Send an API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'")));
        }
        return authenticator.authenticate(key).map(caller -> {
            if (caller.isEmpty()) {
                    return Problems.response(ApiException.unauthorized("The API key is unknown, revoked or expired"));
            }
            Caller c = caller.get();
            current.set(c);
            if (c.requestsPerMinute() != null) {
                long wait = rateLimiter.acquire(c.keyId(), c.requestsPerMinute());
                if (wait > 0) {
                            return Problems.response(new ApiException(429, "rate-limited", "Too many requests",
                            "This key may make " + c.requestsPerMinute() + " requests per minute; retry in " + wait + " s",
                            java.util.Map.of("retryAfter", wait)));
                }
            }
            return null;
        });
    }

    static String presentedKey(ContainerRequestContext request) {
        return presentedKey(request.getHeaderString("Authorization"), request.getHeaderString("X-API-Key"));
    }

    /** The key of {@code Authorization: Bearer <key>}, else of {@code X-API-Key}; null when neither carries one. */
    public static String presentedKey(String auth, String apiKey) {
        if (auth != null) {
            String trimmed = auth.trim();
            if (trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
                String key = trimmed.substring(7).trim();
                return key.isEmpty() ? null : key;
            }
            return null;
        }
        return apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
    }
}
