package kr.codeb.control.gate;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import kr.codeb.control.audit.Gate;
import kr.codeb.control.audit.Grant;
import kr.codeb.control.auth.Action;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.web.RequestParams;
import kr.codeb.control.project.ProjectAccess;

/** A promotion request looked up by id and checked against the caller: another team's is 404, as one that does not exist. */
@ApplicationScoped
public class KnownPromotions {

    public record Known(Promotion promotion, Grant grant) {
    }

    private final PromotionRepository promotions;
    private final ProjectAccess projects;
    private final Gate gate;
    private final Db db;

    KnownPromotions(PromotionRepository promotions, ProjectAccess projects, Gate gate, Db db) {
        this.promotions = promotions;
        this.projects = projects;
        this.gate = gate;
        this.db = db;
    }

    public Uni<Known> require(String id, Action action) {
        if (!RequestParams.isPlausibleId(id)) {
            gate.note(action, null, id);
            return Uni.createFrom().failure(notFound());
        }
        return promotions.find(db.pool(), id, false).chain(p -> {
            if (p == null) {
                gate.note(action, null, id);
                return Uni.createFrom().failure(notFound());
            }
            return projects.require(action, p.projectName())
                    .onFailure(ApiException.class).transform(e -> ((ApiException) e).status() == 404 ? notFound() : e)
                    .map(g -> {
                        gate.note(action, g.teamId(), id);
                        return new Known(p, g.grant());
                    });
        });
    }

    private static ApiException notFound() {
        return ApiException.notFound("No such promotion request");
    }
}
