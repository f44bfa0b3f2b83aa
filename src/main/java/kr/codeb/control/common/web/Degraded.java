package kr.codeb.control.common.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Marks a response as served from the file registry while the database is down ({@code X-CodeB-Degraded: true}). */
@RequestScoped
public class Degraded {

    public static final String HEADER = "X-CodeB-Degraded";

    private boolean served;

    public void mark() {
        served = true;
    }

    public boolean served() {
        return served;
    }

    /** Adds the header to every response that used the registry. */
    public static class Filter {

        private final Degraded degraded;

        Filter(Degraded degraded) {
            this.degraded = degraded;
        }

        @ServerResponseFilter
        public void header(ContainerResponseContext response) {
            if (degraded.served()) {
                response.getHeaders().putSingle(HEADER, "true");
            }
        }
    }
}
