package kr.codeb.control.gate;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import kr.codeb.control.audit.Grant;
import kr.codeb.control.auth.Action;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.project.ProjectAccess;

/** A promotion request looked up by id and checked against the caller: another team's is 404, as one that does not exist. */
@ApplicationScoped
public class KnownPromotions {

    public record Known(Promotion promotion, Grant grant) {
    }

    private final PromotionRepository promotions;
    private final ProjectAccess projects;
    private final Db db;

    KnownPromotions(PromotionRepository promotions, ProjectAccess projects, Db db) {
        this.promotions = promotions;
        this.projects = projects;
        this.db = db;
    }

    public Uni<Known> require(String id, Action action) {
        return projects.owned(action, id, p -> promotions.find(db.pool(), p, false), Promotion::projectName, "No such promotion request")
                .map(o -> new Known(o.value(), o.granted().grant()));
    }
}
