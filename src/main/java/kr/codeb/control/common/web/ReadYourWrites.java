package kr.codeb.control.common.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Set;
import kr.codeb.control.common.cache.ChangeFeed;
import kr.codeb.control.common.db.ReadReplica;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Tells the read replica and the memory views that a request that may have written was answered: its commit came before
 * the answer, so reads of this process go to the primary until the replica holds it, and to the database until the
 * change's notification has arrived (SPEC §7, a caller reads its own writes).
 * Background work does not count: its writes are no caller's, and the lag bound covers them.
 */
public class ReadYourWrites {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final ReadReplica replica;
    private final ChangeFeed feed;

    ReadYourWrites(ReadReplica replica, ChangeFeed feed) {
        this.replica = replica;
        this.feed = feed;
    }

    @ServerResponseFilter
    public void answered(ContainerRequestContext request) {
        if (!SAFE.contains(request.getMethod())) {
            replica.wrote();
            feed.wrote();
        }
    }
}
