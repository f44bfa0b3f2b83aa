package kr.codeb.control.domain;

import static kr.codeb.control.support.Fixtures.as;
import static kr.codeb.control.support.Fixtures.asSystem;
import static kr.codeb.control.support.Fixtures.keyFor;
import static kr.codeb.control.support.Fixtures.newProject;
import static kr.codeb.control.support.Fixtures.newTeam;
import static kr.codeb.control.support.Fixtures.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.List;
import kr.codeb.control.auth.Role;
import kr.codeb.control.support.Audits;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DomainResourceTest {

    String team;
    String project;
    String admin;
    String domains;

    @BeforeEach
    void setUp() {
        team = newTeam();
        project = newProject(team);
        admin = keyFor(team, Role.ADMIN);
        domains = "/api/v1/projects/" + project + "/domains";
    }

    String add(String domain, String type) {
        return as(admin).body("{\"domain\":\"" + domain + "\",\"type\":\"" + type + "\"}").post(domains)
                .then().statusCode(201).extract().path("domain");
    }

    static String sub() {
        return "app-" + unique() + ".codeb.kr";
    }

    static long count(String domain) {
        return Fixtures.pool().preparedQuery("SELECT count(*) FROM domains WHERE domain = $1").execute(Tuple.of(domain))
                .await().indefinitely().iterator().next().getLong(0);
    }

    // ---------------------------------------------------------------- create and list

    @Test
    void adminAddsASubdomainWithDefaults() {
        String domain = sub();
        String location = as(admin).body("{\"domain\":\"" + domain.toUpperCase() + ".\",\"type\":\"subdomain\"}").post(domains)
                .then().statusCode(201)
                .body("domain", equalTo(domain))
                .body("projectName", equalTo(project))
                .body("environment", equalTo("production"))
                .body("type", equalTo("subdomain"))
                .body("sslEnabled", equalTo(true))
                .body("dnsConfigured", equalTo(false))
                .body("dnsVerifiedAt", nullValue())
                .body("caddyConfigured", equalTo(false))
                .body("status", equalTo("pending"))
                .body("createdBy", notNullValue())
                .extract().header("Location");
        assertThat(location, endsWith(domains + "/" + domain));
        assertEquals(List.of("domain.create"), Audits.successfulActions(domain));
    }

    @Test
    void adminAddsACustomDomainForStaging() {
        String domain = "shop-" + unique() + ".example.com";
        as(admin).body("{\"domain\":\"" + domain + "\",\"environment\":\"staging\",\"type\":\"custom\"}").post(domains)
                .then().statusCode(201).body("environment", equalTo("staging")).body("type", equalTo("custom"));
    }

    @Test
    void viewerListsTheProjectsDomainsInPages() {
        String a = add("a-" + unique() + ".codeb.kr", "subdomain");
        String b = add("b-" + unique() + ".workb.net", "subdomain");
        String c = add("c-" + unique() + ".example.org", "custom");
        String viewer = keyFor(team, Role.VIEWER);
        String cursor = as(viewer).queryParam("limit", 2).get(domains).then().statusCode(200)
                .body("items.domain", contains(a, b)).body("nextCursor", notNullValue()).extract().path("nextCursor");
        as(viewer).queryParam("limit", 2).queryParam("cursor", cursor).get(domains).then().statusCode(200)
                .body("items.domain", contains(c)).body("nextCursor", nullValue());
    }

    @Test
    void invalidDomainsAre400NamingDomain() {
        for (String bad : List.of("localhost", "-x.codeb.kr", "a..codeb.kr", "under_score.codeb.kr", "*.codeb.kr", "한글.codeb.kr",
                "1.2.3.4", "x".repeat(64) + ".codeb.kr", "a.".repeat(130) + "codeb.kr", "   ")) {
            as(admin).body("{\"domain\":\"" + bad + "\",\"type\":\"subdomain\"}").post(domains).then().statusCode(400)
                    .contentType(startsWith("application/problem+json")).body("errors.field", contains("domain"));
        }
    }

    @Test
    void missingOrUnknownFieldsAre400() {
        as(admin).body("{\"domain\":\"" + sub() + "\"}").post(domains).then().statusCode(400).body("errors.field", contains("type"));
        as(admin).body("{\"domain\":\"" + sub() + "\",\"type\":\"wildcard\",\"environment\":\"qa\"}").post(domains).then()
                .statusCode(400).body("errors.field", containsInAnyOrder("type", "environment"));
        as(admin).body("{\"domain\":5,\"type\":\"subdomain\"}").post(domains).then().statusCode(400);
    }

    @Test
    void aSubdomainMustLieUnderABaseDomain() {
        for (String bad : List.of("app.example.com", "codeb.kr", "app.notcodeb.kr")) {
            as(admin).body("{\"domain\":\"" + bad + "\",\"type\":\"subdomain\"}").post(domains).then().statusCode(400)
                    .body("errors.field", contains("type")).body("errors[0].message", containsString("codeb.kr"));
        }
    }

    @Test
    void aCustomDomainMustNotLieUnderABaseDomain() {
        for (String bad : List.of(sub(), "workb.net")) {
            as(admin).body("{\"domain\":\"" + bad + "\",\"type\":\"custom\"}").post(domains).then().statusCode(400)
                    .body("errors.field", contains("type"));
            assertEquals(0, count(bad));
        }
    }

    @Test
    void aDomainHeldByAnotherTeamIs409WithoutNamingIt() {
        String domain = add(sub(), "subdomain");
        String other = newTeam();
        String otherProject = newProject(other);
        as(keyFor(other, Role.ADMIN)).body("{\"domain\":\"" + domain.toUpperCase() + "\",\"type\":\"subdomain\"}")
                .post("/api/v1/projects/" + otherProject + "/domains").then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("detail", not(containsString(team))).body("detail", not(containsString(project)));
        as(admin).get(domains).then().body("items.domain", contains(domain));
    }

    @Test
    void theSameDomainTwiceInOneTeamIs409() {
        String domain = add(sub(), "subdomain");
        String second = newProject(team);
        as(admin).body("{\"domain\":\"" + domain + "\",\"type\":\"subdomain\"}").post("/api/v1/projects/" + second + "/domains")
                .then().statusCode(409).body("detail", containsString("this team"));
    }

    // ---------------------------------------------------------------- roles and teams

    @Test
    void viewerAndMemberMayNotAddDomains() {
        String domain = sub();
        for (Role role : List.of(Role.VIEWER, Role.MEMBER)) {
            as(keyFor(team, role)).body("{\"domain\":\"" + domain + "\",\"type\":\"subdomain\"}").post(domains).then().statusCode(403);
        }
        assertEquals(0, count(domain));
    }

    @Test
    void memberMayNotChangeOrRemoveDomains() {
        String domain = add(sub(), "subdomain");
        String member = keyFor(team, Role.MEMBER);
        as(member).body("{\"status\":\"active\"}").patch(domains + "/" + domain).then().statusCode(403);
        as(member).delete(domains + "/" + domain).then().statusCode(403);
        as(member).get(domains).then().statusCode(200).body("items[0].status", equalTo("pending"));
    }

    @Test
    void anotherTeamsProjectIs404AndNothingChanges() {
        String domain = add(sub(), "subdomain");
        String stranger = keyFor(newTeam(), Role.OWNER);
        as(stranger).get(domains).then().statusCode(404);
        as(stranger).body("{\"domain\":\"" + sub() + "\",\"type\":\"subdomain\"}").post(domains).then().statusCode(404);
        as(stranger).body("{\"status\":\"error\"}").patch(domains + "/" + domain).then().statusCode(404);
        as(stranger).delete(domains + "/" + domain).then().statusCode(404);
        as(admin).get(domains).then().body("items", org.hamcrest.Matchers.hasSize(1)).body("items[0].status", equalTo("pending"));
    }

    @Test
    void unknownProjectIs404() {
        as(admin).get("/api/v1/projects/no-such-" + unique() + "/domains").then().statusCode(404);
    }

    // ---------------------------------------------------------------- patch and delete

    @Test
    void patchSetsFlagsAndDnsStampsTheVerificationTime() {
        String domain = add(sub(), "subdomain");
        as(admin).body("{\"dnsConfigured\":true,\"caddyConfigured\":true,\"sslEnabled\":false,\"status\":\"active\"}")
                .patch(domains + "/" + domain).then().statusCode(200)
                .body("dnsConfigured", equalTo(true)).body("dnsVerifiedAt", notNullValue())
                .body("caddyConfigured", equalTo(true)).body("sslEnabled", equalTo(false)).body("status", equalTo("active"));
        as(admin).body("{}").patch(domains + "/" + domain).then().statusCode(200)
                .body("dnsVerifiedAt", notNullValue()).body("status", equalTo("active")).body("sslEnabled", equalTo(false));
        as(admin).body("{\"dnsConfigured\":false}").patch(domains + "/" + domain).then().statusCode(200)
                .body("dnsConfigured", equalTo(false)).body("dnsVerifiedAt", nullValue()).body("caddyConfigured", equalTo(true));
        assertEquals(List.of("domain.create", "domain.update", "domain.update", "domain.update"), Audits.successfulActions(domain));
    }

    @Test
    void patchWithABadStatusIs400() {
        String domain = add(sub(), "subdomain");
        as(admin).body("{\"status\":\"gone\"}").patch(domains + "/" + domain).then().statusCode(400)
                .body("errors.field", contains("status"));
        as(admin).body("{\"sslEnabled\":\"maybe\"}").patch(domains + "/" + domain).then().statusCode(400);
    }

    @Test
    void patchAddressesTheDomainCaseInsensitively() {
        String domain = add(sub(), "subdomain");
        as(admin).body("{\"status\":\"error\"}").patch(domains + "/" + domain.toUpperCase() + ".").then().statusCode(200)
                .body("domain", equalTo(domain));
    }

    @Test
    void aDomainOfAnotherProjectOfTheTeamIsNotFoundUnderThisOne() {
        String domain = add(sub(), "subdomain");
        String second = newProject(team);
        as(admin).body("{\"status\":\"active\"}").patch("/api/v1/projects/" + second + "/domains/" + domain).then().statusCode(404);
        as(admin).delete("/api/v1/projects/" + second + "/domains/" + domain).then().statusCode(404);
        assertEquals(1, count(domain));
    }

    @Test
    void deleteRemovesTheDomainAndFreesTheName() {
        String domain = add(sub(), "subdomain");
        as(admin).delete(domains + "/" + domain).then().statusCode(204);
        assertEquals(0, count(domain));
        as(admin).delete(domains + "/" + domain).then().statusCode(404);
        String other = newTeam();
        as(keyFor(other, Role.ADMIN)).body("{\"domain\":\"" + domain + "\",\"type\":\"subdomain\"}")
                .post("/api/v1/projects/" + newProject(other) + "/domains").then().statusCode(201);
        assertEquals(List.of("domain.create", "domain.delete", "domain.create"), Audits.successfulActions(domain));
    }

    @Test
    void weirdPathsAre404ProblemJson() {
        for (String weird : List.of("not a domain", "%00", "x".repeat(300), "%E2%80%AE.com", "a..b")) {
            as(admin).body("{\"status\":\"active\"}").urlEncodingEnabled(false).patch(domains + "/" + weird.replace(" ", "%20"))
                    .then().statusCode(404).contentType(startsWith("application/problem+json"));
        }
        asSystem().urlEncodingEnabled(false).get("/api/v1/domains/%00%FF/route").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    // ---------------------------------------------------------------- route

    @Test
    void routeOfAnUnknownDomainIs404() {
        asSystem().get("/api/v1/domains/" + sub() + "/route").then().statusCode(404);
    }

    @Test
    void routeNeedsASystemKey() {
        String domain = add(sub(), "subdomain");
        as(keyFor(team, Role.OWNER)).get("/api/v1/domains/" + domain + "/route").then().statusCode(403);
    }

    @Test
    void routeIs404UntilTheEnvironmentHasAnActiveSlotThenNamesItsPort() {
        String domain = add(sub(), "subdomain");
        asSystem().get("/api/v1/domains/" + domain + "/route").then().statusCode(404).body("detail", containsString("no active slot"));

        String member = keyFor(team, Role.MEMBER);
        String env = "/api/v1/projects/" + project + "/environments/production";
        String dep = as(member).body("{\"version\":\"1.0.0\",\"image\":\"app:1\",\"port\":4101}").post(env + "/deployments")
                .then().statusCode(201).extract().path("deployment.id");
        asSystem().get("/api/v1/domains/" + domain + "/route").then().statusCode(404);
        as(member).body("{\"status\":\"success\"}").patch("/api/v1/deployments/" + dep).then().statusCode(200);
        as(member).post(env + "/promote").then().statusCode(200);

        asSystem().get("/api/v1/domains/" + domain.toUpperCase() + "/route").then().statusCode(200)
                .body("projectName", equalTo(project)).body("environment", equalTo("production"))
                .body("activeSlot", equalTo("blue")).body("port", equalTo(4101));

        as(admin).body("{\"status\":\"error\"}").patch(domains + "/" + domain).then().statusCode(200);
        asSystem().get("/api/v1/domains/" + domain + "/route").then().statusCode(404);
    }

    @Test
    void routeFollowsTheDomainsOwnEnvironment() {
        String domain = "stage-" + unique() + ".codeb.kr";
        as(admin).body("{\"domain\":\"" + domain + "\",\"type\":\"subdomain\",\"environment\":\"staging\"}").post(domains)
                .then().statusCode(201);
        String member = keyFor(team, Role.MEMBER);
        String env = "/api/v1/projects/" + project + "/environments/production";
        String dep = as(member).body("{\"version\":\"1\",\"image\":\"app:1\",\"port\":4200}").post(env + "/deployments")
                .then().statusCode(201).extract().path("deployment.id");
        as(member).body("{\"status\":\"success\"}").patch("/api/v1/deployments/" + dep).then().statusCode(200);
        as(member).post(env + "/promote").then().statusCode(200);
        asSystem().get("/api/v1/domains/" + domain + "/route").then().statusCode(404);
    }
}
