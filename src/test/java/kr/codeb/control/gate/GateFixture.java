package kr.codeb.control.gate;

import static kr.codeb.control.support.Fixtures.as;

import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import kr.codeb.control.support.Await;
import kr.codeb.control.support.Fixtures;
import kr.codeb.control.support.Fixtures.TeamProject;

/** A team's project environment under a promotion policy, with the HTTP calls the gate tests repeat. */
record GateFixture(TeamProject tp, String env) {

    static GateFixture staging() {
        TeamProject tp = Fixtures.teamWithProject();
        return new GateFixture(tp, tp.env("staging"));
    }

    GateFixture policy(String json) {
        as(tp.admin()).body(json).put(env + "/policy").then().statusCode(200);
        return this;
    }

    /** Deploys {@code version} on {@code port} and reports success; answers the deployment id. */
    String deployed(String version, int port) {
        String id = as(tp.member()).body("{\"version\":\"" + version + "\",\"image\":\"app:" + version + "\",\"port\":" + port + "}")
                .post(env + "/deployments").then().statusCode(201).extract().path("deployment.id");
        as(tp.member()).body("{\"status\":\"success\"}").patch("/api/v1/deployments/" + id).then().statusCode(200);
        return id;
    }

    JsonPath slot() {
        return as(tp.viewer()).get(env + "/slot").then().statusCode(200).extract().jsonPath();
    }

    String health(String side) {
        return slot().getString(side + ".healthStatus");
    }

    String active() {
        JsonPath s = slot();
        return "active".equals(s.getString("blue.state")) ? "blue" : "active".equals(s.getString("green.state")) ? "green" : null;
    }

    void awaitHealth(String side, String status, long ms) {
        Await.until(() -> status.equals(health(side)), ms, side + " " + status);
    }

    /** Deploy, success, healthy, promote: {@code version} active on {@code port}. */
    String released(String version, int port, String side) {
        String id = deployed(version, port);
        awaitHealth(side, "healthy", 8_000);
        as(tp.member()).post(env + "/promote").then().statusCode(200);
        return id;
    }

    /** Audit rows of {@code action} in this team: who (user_id, role) and params, oldest first. */
    List<Row> audit(String action) {
        List<Row> out = new ArrayList<>();
        Fixtures.pool().preparedQuery("SELECT user_id, role, params::text AS params FROM audit_logs WHERE action = $1 AND team_id = $2"
                        + " ORDER BY timestamp").execute(Tuple.of(action, tp.team())).await().indefinitely().forEach(out::add);
        return out;
    }
}
