package kr.codeb.control.slot;

import jakarta.enterprise.context.ApplicationScoped;
import kr.codeb.control.common.web.Degraded;
import org.jboss.resteasy.reactive.RestResponse;

/** How a slot transition answers over HTTP: 200 with the new state's ETag, or 202 when it was journaled while the database is down. */
@ApplicationScoped
public class SlotAnswers {

    private final Degraded degraded;

    SlotAnswers(Degraded degraded) {
        this.degraded = degraded;
    }

    public RestResponse<SlotView> answer(SlotView v) {
        return degraded.served() ? RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED, v).build() : withEtag(v);
    }

    public static RestResponse<SlotView> withEtag(SlotView v) {
        return RestResponse.ResponseBuilder.ok(v).header("ETag", v.etag()).build();
    }
}
