package kr.codeb.control.slot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import kr.codeb.control.audit.AuditLog;
import kr.codeb.control.auth.Access;
import kr.codeb.control.auth.Action;
import kr.codeb.control.auth.AuthFilter;
import kr.codeb.control.auth.Authenticator;
import kr.codeb.control.auth.Caller;
import kr.codeb.control.common.edge.EdgeView;
import kr.codeb.control.common.edge.ProxyState;
import kr.codeb.control.common.web.HttpMetricsUri;
import kr.codeb.control.project.Environment;
import kr.codeb.control.project.ProjectOwners;

/**
 * The slot read that CI pipelines, CLIs and proxies poll ({@code GET …/environments/{env}/slot}), answered below the REST
 * layer when memory holds everything it needs: the key, the project's owner and the slot view, all kept true by the change
 * feed. It answers only a granted 200, with the bytes, headers and audit row {@link SlotResource#one} would give; anything
 * else (a key or row memory does not hold, a refusal, a query string, a rate-limited key) goes on to that resource, which
 * stays the one definition of the read. Whole-stack cost per read is what made the REST path reach a quarter of the
 * database's own rate (issue 10): routing, filters and context propagation, not the work itself.
 */
// a singleton, not a client proxy: called on every slot read (issue 10)
@Singleton
class SlotReadRoute {

    /** The REST resource's template, which the HTTP metrics give a read answered here too. */
    static final String TEMPLATE = "/api/v1/projects/{name}/environments/{env}/slot";
    private static final String PREFIX = "/api/v1/projects/";
    private static final String MIDDLE = "/environments/";
    private static final String SUFFIX = "/slot";

    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json;charset=UTF-8");
    private static final CharSequence ETAG = HttpHeaders.createOptimized("ETag");
    private static final int MAX_ANSWERS = 10_000;

    /**
     * A view (as the slot rows give it, and the edge's state of it) and its JSON, reused while both are equal. Vert.x
     * writes a slice of the buffer, never the buffer itself, so one buffer serves every read of the view.
     */
    private record Answer(SlotView view, ProxyState proxy, Buffer body, CharSequence etag) {
    }

    record At(String project, String environment) {
    }

    private final Authenticator authenticator;
    private final ProjectOwners owners;
    private final SlotService slots;
    private final EdgeView edge;
    private final AuditLog audit;
    private final ObjectMapper mapper;
    private final ConcurrentMap<At, Answer> answers = new ConcurrentHashMap<>();
    private final LongAdder served = new LongAdder();

    SlotReadRoute(Authenticator authenticator, ProjectOwners owners, SlotService slots, EdgeView edge, AuditLog audit,
            ObjectMapper mapper, MeterRegistry metrics) {
        this.authenticator = authenticator;
        this.owners = owners;
        this.slots = slots;
        this.edge = edge;
        this.audit = audit;
        this.mapper = mapper;
        FunctionCounter.builder("codeb.slot.reads.memory", served, LongAdder::sum)
                .description("Slot reads answered from memory below the REST layer").register(metrics);
    }

    void install(@Observes Router router) {
        // right after the HTTP edge's size checks (Integer.MIN_VALUE), before the REST layer; on no path, because a
        // templated route costs a regular expression match and a map of parameters per request (issue 10)
        router.get().order(Integer.MIN_VALUE + 1).handler(this::serve);
    }

    /**
     * The project and environment of a slot read's path, when it is spelt plainly; null for anything else, which the
     * REST layer routes (and tells apart: an escaped or otherwise unusual spelling never reaches memory).
     */
    static At slotPath(String path) {
        if (path == null || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX) || path.indexOf('%') >= 0) {
            return null;
        }
        int nameEnd = path.indexOf('/', PREFIX.length());
        if (nameEnd <= PREFIX.length() || !path.startsWith(MIDDLE, nameEnd)) {
            return null;
        }
        int envStart = nameEnd + MIDDLE.length();
        int envEnd = path.length() - SUFFIX.length();
        if (envEnd <= envStart || path.indexOf('/', envStart) != envEnd) {
            return null;
        }
        return new At(path.substring(PREFIX.length(), nameEnd), path.substring(envStart, envEnd));
    }

    private void serve(RoutingContext ctx) {
        long start = System.nanoTime();
        Answer answer = fromMemory(ctx, start);
        if (answer == null) {
            ctx.next();
            return;
        }
        served.increment();
        HttpMetricsUri.template(TEMPLATE);
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).putHeader(ETAG, answer.etag()).end(answer.body());
    }

    /** The answer of a granted read when memory holds all of it, with its audit row queued; null to go the long way. */
    private Answer fromMemory(RoutingContext ctx, long start) {
        HttpServerRequest request = ctx.request();
        At at = request.query() == null ? slotPath(request.path()) : null;
        if (at == null || !Environment.ALL.contains(at.environment())) {
            return null;
        }
        String name = at.project();
        String key = AuthFilter.presentedKey(request.getHeader(HttpHeaders.AUTHORIZATION), request.getHeader("X-API-Key"));
        Caller caller = key == null ? null : authenticator.known(key);
        if (caller == null || caller.requestsPerMinute() != null) {
            return null;
        }
        // memory holds owners under normalised, valid names only: any other spelling goes the long way
        String team = owners.known(name);
        if (team == null || !Access.allows(caller, Action.SLOT_READ, team)) {
            return null;
        }
        SlotView view = slots.known(name, at.environment());
        if (view == null) {
            return null;
        }
        Answer answer = answerOf(at, view, edge.environment(name, at.environment()));
        if (answer != null) {
            audit.recordRead(caller, Action.SLOT_READ, team, name, start, request, request.path());
        }
        return answer;
    }

    /** The answer of {@code view} as the edge reports {@code proxy}: the last one while both are equal, else made anew. */
    private Answer answerOf(At at, SlotView view, ProxyState proxy) {
        Answer last = answers.get(at);
        if (last != null && Objects.equals(last.proxy(), proxy) && last.view().equals(view)) {
            return last;
        }
        try {
            SlotView full = view.withProxy(proxy);
            Answer fresh = new Answer(view, proxy, Buffer.buffer(mapper.writeValueAsBytes(full)),
                    HttpHeaders.createOptimized(full.etag()));
            if (answers.size() >= MAX_ANSWERS) {
                answers.clear();
            }
            answers.put(at, fresh);
            return fresh;
        } catch (JsonProcessingException e) {
            return null; // the REST layer answers it, and says what went wrong
        }
    }
}
