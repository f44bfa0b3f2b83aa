package kr.codeb.control.member;

import static kr.codeb.control.support.Fixtures.as;
import static kr.codeb.control.support.Fixtures.asSystem;
import static kr.codeb.control.support.Fixtures.keyFor;
import static kr.codeb.control.support.Fixtures.newTeam;
import static kr.codeb.control.support.Fixtures.unique;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import kr.codeb.control.auth.Role;
import kr.codeb.control.support.Audits;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MemberResourceTest {

    private static final String MEMBERS = "/api/v1/teams/{teamId}/members";
    private static final String MEMBER = "/api/v1/teams/{teamId}/members/{memberId}";

    @Test
    void adminAddsAMemberWithLocationLowerCasedEmailAndInviter() {
        String team = newTeam();
        String id = as(keyFor(team, Role.ADMIN)).body("{\"email\":\"Dev@Example.COM\",\"name\":\"Kim Dev\",\"role\":\"member\"}")
                .post(MEMBERS, team).then().statusCode(201)
                .body("id", startsWith("mem_"))
                .body("teamId", equalTo(team))
                .body("email", equalTo("dev@example.com"))
                .body("name", equalTo("Kim Dev"))
                .body("role", equalTo("member"))
                .body("invitedBy", equalTo("test admin key"))
                .body("lastActiveAt", nullValue())
                .extract().path("id");
        as(keyFor(team, Role.VIEWER)).get(MEMBERS, team).then().statusCode(200).body("items.id", containsInAnyOrder(id));
        assertEquals(List.of("member.create"), Audits.successfulActions(id));
    }

    @Test
    void createAnswersLocationOfTheNewMember() {
        String team = newTeam();
        var response = asSystem().body("{\"email\":\"loc@example.com\",\"role\":\"viewer\"}").post(MEMBERS, team)
                .then().statusCode(201).extract();
        org.hamcrest.MatcherAssert.assertThat(response.header("Location"),
                endsWith("/api/v1/teams/" + team + "/members/" + response.path("id")));
    }

    @Test
    void createWithInvalidFieldsNamesEachField() {
        String team = newTeam();
        as(keyFor(team, Role.ADMIN)).body("{\"email\":\"nope\",\"role\":\"boss\",\"name\":\"" + "n".repeat(256) + "\"}")
                .post(MEMBERS, team).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("email", "name", "role"));
    }

    @Test
    void createWithoutEmailAndRoleNamesBoth() {
        String team = newTeam();
        as(keyFor(team, Role.ADMIN)).body("{}").post(MEMBERS, team).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("email", "role"));
    }

    @Test
    void secondMemberWithTheSameEmailInAnyCaseIs409() {
        String team = newTeam();
        String admin = keyFor(team, Role.ADMIN);
        as(admin).body("{\"email\":\"same@example.com\",\"role\":\"viewer\"}").post(MEMBERS, team).then().statusCode(201);
        as(admin).body("{\"email\":\"SAME@example.com\",\"role\":\"member\"}").post(MEMBERS, team).then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void theSameEmailMayJoinTwoTeams() {
        String email = "both-" + unique() + "@example.com";
        asSystem().body("{\"email\":\"" + email + "\",\"role\":\"viewer\"}").post(MEMBERS, newTeam()).then().statusCode(201);
        asSystem().body("{\"email\":\"" + email + "\",\"role\":\"viewer\"}").post(MEMBERS, newTeam()).then().statusCode(201);
    }

    @Test
    void adminCannotAddAnOwner() {
        String team = newTeam();
        as(keyFor(team, Role.ADMIN)).body("{\"email\":\"boss@example.com\",\"role\":\"owner\"}").post(MEMBERS, team)
                .then().statusCode(403).contentType("application/problem+json");
        asSystem().get(MEMBERS, team).then().statusCode(200).body("items", empty());
    }

    @Test
    void ownerKeyMayAddAnOwner() {
        String team = newTeam();
        as(keyFor(team, Role.OWNER)).body("{\"email\":\"boss@example.com\",\"role\":\"owner\"}").post(MEMBERS, team)
                .then().statusCode(201).body("role", equalTo("owner"));
    }

    @Test
    void memberKeyCannotAddMembers() {
        String team = newTeam();
        as(keyFor(team, Role.MEMBER)).body("{\"email\":\"v@example.com\",\"role\":\"viewer\"}").post(MEMBERS, team)
                .then().statusCode(403);
    }

    @Test
    void systemKeyAddingToAnUnknownTeamGets404() {
        asSystem().body("{\"email\":\"v@example.com\",\"role\":\"viewer\"}").post(MEMBERS, "team_missing_" + unique())
                .then().statusCode(404);
        asSystem().get(MEMBERS, "team_missing_" + unique()).then().statusCode(404);
    }

    @Test
    void adminChangesAMembersRoleAndName() {
        String team = newTeam();
        String admin = keyFor(team, Role.ADMIN);
        String id = addMember(team, "change@example.com", "viewer");
        as(admin).body("{\"role\":\"admin\",\"name\":\"Lee\"}").patch(MEMBER, team, id).then().statusCode(200)
                .body("role", equalTo("admin")).body("name", equalTo("Lee")).body("email", equalTo("change@example.com"));
        as(admin).body("{\"role\":\"member\"}").patch(MEMBER, team, id).then().statusCode(200)
                .body("role", equalTo("member")).body("name", equalTo("Lee"));
        as(admin).body("{\"name\":\"\"}").patch(MEMBER, team, id).then().statusCode(200).body("name", nullValue());
        assertEquals(List.of("member.create", "member.update", "member.update", "member.update"), Audits.successfulActions(id));
    }

    @Test
    void patchWithAnUnknownRoleIs400NamingRole() {
        String team = newTeam();
        String id = addMember(team, "r@example.com", "viewer");
        as(keyFor(team, Role.ADMIN)).body("{\"role\":\"Admin\"}").patch(MEMBER, team, id).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("role"));
    }

    @Test
    void adminCannotPromoteAMemberToOwner() {
        String team = newTeam();
        String id = addMember(team, "climb@example.com", "member");
        as(keyFor(team, Role.ADMIN)).body("{\"role\":\"owner\"}").patch(MEMBER, team, id).then().statusCode(403);
        assertEquals("member", roleOf(team, id));
    }

    @Test
    void adminCannotChangeOrRemoveAnOwnerMember() {
        String team = newTeam();
        String admin = keyFor(team, Role.ADMIN);
        String id = addMember(team, "owner@example.com", "owner");
        as(admin).body("{\"role\":\"viewer\"}").patch(MEMBER, team, id).then().statusCode(403);
        as(admin).body("{\"name\":\"x\"}").patch(MEMBER, team, id).then().statusCode(403);
        as(admin).delete(MEMBER, team, id).then().statusCode(403);
        assertEquals("owner", roleOf(team, id));
    }

    @Test
    void ownerKeyMayDemoteAnOwnerMember() {
        String team = newTeam();
        String id = addMember(team, "owner@example.com", "owner");
        as(keyFor(team, Role.OWNER)).body("{\"role\":\"admin\"}").patch(MEMBER, team, id).then().statusCode(200)
                .body("role", equalTo("admin"));
    }

    @Test
    void adminRemovesAMember() {
        String team = newTeam();
        String id = addMember(team, "bye@example.com", "member");
        as(keyFor(team, Role.ADMIN)).delete(MEMBER, team, id).then().statusCode(204);
        asSystem().get(MEMBERS, team).then().statusCode(200).body("items.id", not(hasItem(id)));
        assertEquals(List.of("member.create", "member.delete"), Audits.successfulActions(id));
    }

    @Test
    void viewerCannotRemoveAMember() {
        String team = newTeam();
        String id = addMember(team, "stay@example.com", "viewer");
        as(keyFor(team, Role.VIEWER)).delete(MEMBER, team, id).then().statusCode(403);
        assertEquals("viewer", roleOf(team, id));
    }

    @Test
    void unknownOrOddMemberIdsAre404() {
        String team = newTeam();
        String admin = keyFor(team, Role.ADMIN);
        as(admin).body("{\"role\":\"viewer\"}").patch(MEMBER, team, "mem_nobody").then().statusCode(404);
        as(admin).delete(MEMBER, team, "mem_nobody").then().statusCode(404);
        as(admin).delete(MEMBER, team, "m".repeat(500)).then().statusCode(404);
        as(admin).body("{\"name\":\"x\"}").patch(MEMBER, team, "a\u0000b").then().statusCode(404);
    }

    @Test
    void aMemberOfOneTeamIsNotFoundThroughAnother() {
        String team = newTeam();
        String other = newTeam();
        String id = addMember(team, "home@example.com", "viewer");
        asSystem().body("{\"role\":\"admin\"}").patch(MEMBER, other, id).then().statusCode(404);
        asSystem().delete(MEMBER, other, id).then().statusCode(404);
        assertEquals("viewer", roleOf(team, id));
    }

    @Test
    void anotherTeamsAdminGets404ForEveryMemberCallAndNothingChanges() {
        String team = newTeam();
        String id = addMember(team, "target@example.com", "viewer");
        String stranger = keyFor(newTeam(), Role.ADMIN);
        as(stranger).get(MEMBERS, team).then().statusCode(404);
        as(stranger).body("{\"email\":\"intruder@example.com\",\"role\":\"viewer\"}").post(MEMBERS, team).then().statusCode(404);
        as(stranger).body("{\"role\":\"admin\"}").patch(MEMBER, team, id).then().statusCode(404);
        as(stranger).delete(MEMBER, team, id).then().statusCode(404);

        as(keyFor(team, Role.OWNER)).get(MEMBERS, team).then().statusCode(200)
                .body("items.id", containsInAnyOrder(id))
                .body("items[0].role", equalTo("viewer"));
    }

    @Test
    void listPagesInIdOrderWithoutGapsOrDuplicates() {
        String team = newTeam();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(addMember(team, "p" + i + "@example.com", "viewer"));
        }
        String viewer = keyFor(team, Role.VIEWER);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = as(viewer).queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(MEMBERS, team).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        assertEquals(created.stream().sorted().toList(), seen);
    }

    @Test
    void lastPageHasNoNextCursor() {
        String team = newTeam();
        addMember(team, "only@example.com", "viewer");
        JsonPath page = asSystem().queryParam("limit", 1).get(MEMBERS, team).then().statusCode(200).extract().jsonPath();
        assertNull(page.getString("nextCursor"));
    }

    @Test
    void badLimitOrCursorIs400() {
        String team = newTeam();
        String viewer = keyFor(team, Role.VIEWER);
        as(viewer).queryParam("limit", 0).get(MEMBERS, team).then().statusCode(400).body("errors.field", hasItem("limit"));
        as(viewer).queryParam("limit", 201).get(MEMBERS, team).then().statusCode(400).body("errors.field", hasItem("limit"));
        as(viewer).queryParam("limit", "ten").get(MEMBERS, team).then().statusCode(400).body("errors.field", hasItem("limit"));
        as(viewer).queryParam("cursor", "!!not-a-cursor!!").get(MEMBERS, team).then().statusCode(400)
                .body("errors.field", hasItem("cursor"));
    }

    private static String addMember(String team, String email, String role) {
        return asSystem().body("{\"email\":\"" + email + "\",\"role\":\"" + role + "\"}").post(MEMBERS, team)
                .then().statusCode(201).extract().path("id");
    }

    private static String roleOf(String team, String id) {
        List<String> roles = asSystem().queryParam("limit", 200).get(MEMBERS, team).then().statusCode(200).extract()
                .jsonPath().getList("items.findAll { it.id == '" + id + "' }.role");
        assertEquals(1, roles.size());
        return roles.get(0);
    }
}
