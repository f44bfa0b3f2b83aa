package kr.codeb.control.worktask;

import static kr.codeb.control.support.Fixtures.as;
import static kr.codeb.control.support.Fixtures.keyFor;
import static kr.codeb.control.support.Fixtures.newProject;
import static kr.codeb.control.support.Fixtures.newTeam;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import kr.codeb.control.auth.Role;
import org.junit.jupiter.api.Test;

/** Odd bodies and path values on every domain, task and lock endpoint: a 4xx problem (or a success), never a 500. */
@QuarkusTest
class OddInputNeverFailsTest {

    private static final List<String> BODIES = List.of(
            "", "null", "[]", "42", "\"text\"", "{", "{}", "{\"x\":1}",
            "{\"domain\":null,\"type\":null,\"environment\":null}",
            "{\"domain\":[],\"type\":{},\"environment\":7}",
            "{\"domain\":\"" + "a".repeat(100_000) + ".codeb.kr\",\"type\":\"subdomain\"}",
            "{\"domain\":\"\\u0000.codeb.kr\",\"type\":\"subdomain\"}",
            "{\"domain\":\"\\ud800.codeb.kr\",\"type\":\"custom\"}",
            "{\"status\":\"\\u0000\",\"sslEnabled\":null,\"dnsConfigured\":\"yes\"}",
            "{\"projectName\":\"\\u0000\",\"title\":\"t\",\"author\":\"a\"}",
            "{\"projectName\":\"%s\",\"title\":\"" + "t".repeat(200_000) + "\",\"author\":\"a\"}",
            "{\"projectName\":\"%s\",\"title\":\"t\",\"author\":\"a\",\"description\":\"\\u0000\",\"branch\":\"\\ud83d\"}",
            "{\"projectName\":\"%s\",\"title\":\"t\",\"author\":\"a\",\"affectedFiles\":\"src\",\"affectedAreas\":[{}]}",
            "{\"projectName\":\"%s\",\"title\":\"t\",\"author\":\"a\",\"prNumber\":1e999,\"priority\":[]}",
            "{\"status\":\"done\",\"deployId\":\"\\u0000\",\"prNumber\":-5,\"affectedFiles\":[\"\\\\..\\\\x\"]}",
            "{\"note\":\"" + "n".repeat(20_000) + "\",\"author\":\"\\u0000\"}",
            "{\"filePath\":\"\\u0000\",\"lockType\":\"editing\"}",
            "{\"filePath\":\"" + "d/".repeat(3000) + "\",\"lockType\":\"reviewing\",\"changeDescription\":\"\\u0000\"}",
            "{\"filePath\":\"a.ts\",\"lockType\":\"editing\",\"changeDescription\":\"" + "c".repeat(20_000) + "\"}",
            "{\"filePaths\":[null,1,\"\"],\"taskId\":-1}",
            "{\"filePaths\":\"a.ts\",\"taskId\":99999999999}");

    @Test
    void oddBodiesAndPathsAnswer4xxProblemsOrSuccess() {
        String team = newTeam();
        String project = newProject(team);
        String owner = keyFor(team, Role.OWNER);
        int task = as(owner).body("{\"projectName\":\"" + project + "\",\"title\":\"t\",\"author\":\"a\"}").post("/api/v1/work-tasks")
                .then().statusCode(201).extract().path("id");
        List<String[]> calls = new ArrayList<>();
        for (String name : List.of(project, "%00", "%F0%9F%9A%80", "x".repeat(300), "A_B%20C")) {
            calls.add(new String[] {"GET", "/api/v1/projects/" + name + "/domains"});
            calls.add(new String[] {"POST", "/api/v1/projects/" + name + "/domains"});
            calls.add(new String[] {"PATCH", "/api/v1/projects/" + name + "/domains/a.codeb.kr"});
            calls.add(new String[] {"DELETE", "/api/v1/projects/" + name + "/domains/%00"});
            calls.add(new String[] {"GET", "/api/v1/projects/" + name + "/locks?limit=%00&cursor=%FF"});
            calls.add(new String[] {"POST", "/api/v1/projects/" + name + "/locks/check"});
        }
        for (String id : List.of(String.valueOf(task), "%00", "1e3", "-0", "9".repeat(40))) {
            calls.add(new String[] {"GET", "/api/v1/work-tasks/" + id});
            calls.add(new String[] {"PATCH", "/api/v1/work-tasks/" + id});
            calls.add(new String[] {"POST", "/api/v1/work-tasks/" + id + "/notes"});
            calls.add(new String[] {"POST", "/api/v1/work-tasks/" + id + "/locks"});
            calls.add(new String[] {"DELETE", "/api/v1/work-tasks/" + id + "/locks?filePath=%00"});
        }
        calls.add(new String[] {"POST", "/api/v1/work-tasks"});
        calls.add(new String[] {"GET", "/api/v1/work-tasks?status=%00&author=%00&projectName=%00&teamId=%00"});
        calls.add(new String[] {"GET", "/api/v1/domains/%00/route"});
        for (String[] call : calls) {
            List<String> bodies = call[0].equals("GET") || call[0].equals("DELETE") ? List.of("") : BODIES;
            for (String raw : bodies) {
                String body = raw.replace("%s", project);
                Response r = as(owner).urlEncodingEnabled(false).body(body).request(call[0], call[1]);
                String what = call[0] + " " + call[1].substring(0, Math.min(120, call[1].length())) + " with "
                        + body.substring(0, Math.min(80, body.length())) + " -> " + r.statusCode();
                assertTrue(r.statusCode() < 500, what + " " + r.asString());
                if (r.statusCode() >= 400) {
                    assertTrue(r.contentType().startsWith("application/problem+json"), what);
                }
            }
        }
    }
}
