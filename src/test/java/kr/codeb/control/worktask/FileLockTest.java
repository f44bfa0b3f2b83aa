package kr.codeb.control.worktask;

import static kr.codeb.control.support.Fixtures.as;
import static kr.codeb.control.support.Fixtures.keyFor;
import static kr.codeb.control.support.Fixtures.newProject;
import static kr.codeb.control.support.Fixtures.newTeam;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import kr.codeb.control.auth.Role;
import kr.codeb.control.support.Audits;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FileLockTest {

    String team;
    String project;
    String member;

    @BeforeEach
    void setUp() {
        team = newTeam();
        project = newProject(team);
        member = keyFor(team, Role.MEMBER);
    }

    int task(String title) {
        return task(project, title);
    }

    int task(String inProject, String title) {
        return as(member)
                .body("{\"projectName\":\"" + inProject + "\",\"title\":\"" + title + "\",\"author\":\"" + title + "@example.com\"}")
                .post("/api/v1/work-tasks").then().statusCode(201).extract().path("id");
    }

    static String locks(int task) {
        return "/api/v1/work-tasks/" + task + "/locks";
    }

    Response lock(int task, String path, String type) {
        return as(member).body("{\"filePath\":\"" + path + "\",\"lockType\":\"" + type + "\"}").post(locks(task));
    }

    static List<Row> rows(int task) {
        List<Row> out = new ArrayList<>();
        Fixtures.pool().preparedQuery("SELECT * FROM work_task_files WHERE task_id = $1 ORDER BY id").execute(Tuple.of(task))
                .await().indefinitely().forEach(out::add);
        return out;
    }

    // ---------------------------------------------------------------- take

    @Test
    void anEditingLockIs201AndListedForTheProject() {
        int t = task("alpha");
        String location = as(member).body("{\"filePath\":\"./src//login.ts\",\"lockType\":\"editing\",\"changeDescription\":\"form\"}")
                .post(locks(t)).then().statusCode(201)
                .body("taskId", equalTo(t)).body("projectName", equalTo(project)).body("filePath", equalTo("src/login.ts"))
                .body("lockType", equalTo("editing")).body("changeDescription", equalTo("form")).body("status", equalTo("locked"))
                .body("lockedAt", notNullValue()).body("releasedAt", nullValue()).body("title", equalTo("alpha"))
                .extract().header("Location");
        assertThat(location, endsWith(locks(t) + "?filePath=src%2Flogin.ts"));
        as(keyFor(team, Role.VIEWER)).get("/api/v1/projects/" + project + "/locks").then().statusCode(200)
                .body("items.filePath", contains("src/login.ts")).body("items[0].author", equalTo("alpha@example.com"));
        assertEquals(List.of("work_task.create", "lock.create"), Audits.successfulActions(String.valueOf(t)));
    }

    @Test
    void anotherTasksEditingLockIs409NamingTheHolder() {
        int holder = task("holder");
        int other = task("other");
        lock(holder, "src/a.ts", "editing").then().statusCode(201);
        lock(other, "src\\\\a.ts", "editing").then().statusCode(409).contentType(startsWith("application/problem+json"))
                .body("conflicts", hasSize(1))
                .body("conflicts[0].filePath", equalTo("src/a.ts"))
                .body("conflicts[0].taskId", equalTo(holder))
                .body("conflicts[0].title", equalTo("holder"))
                .body("conflicts[0].author", equalTo("holder@example.com"))
                .body("conflicts[0].lockType", equalTo("editing"))
                .body("conflicts[0].lockedAt", notNullValue());
        assertEquals(0, rows(other).size());
    }

    @Test
    void reviewingLocksConflictWithNothing() {
        int editor = task("editor");
        int reviewer = task("reviewer");
        int second = task("second");
        lock(reviewer, "src/a.ts", "reviewing").then().statusCode(201);
        lock(editor, "src/a.ts", "editing").then().statusCode(201);
        lock(second, "src/a.ts", "reviewing").then().statusCode(201);
    }

    @Test
    void theSamePathInAnotherProjectIsNoConflict() {
        int here = task("here");
        int there = task(newProject(team), "there");
        lock(here, "README.md", "editing").then().statusCode(201);
        lock(there, "README.md", "editing").then().statusCode(201);
    }

    @Test
    void lockingTheSamePathTwiceIsIdempotentAndAnUpgradeIsChecked() {
        int t = task("twice");
        int other = task("other");
        lock(t, "a.ts", "editing").then().statusCode(201);
        lock(t, "./a.ts", "editing").then().statusCode(200).body("lockType", equalTo("editing"));
        assertEquals(1, rows(t).size());

        lock(t, "b.ts", "reviewing").then().statusCode(201);
        lock(other, "b.ts", "editing").then().statusCode(201);
        lock(t, "b.ts", "editing").then().statusCode(409).body("conflicts[0].taskId", equalTo(other));
        lock(t, "c.ts", "reviewing").then().statusCode(201);
        lock(t, "c.ts", "editing").then().statusCode(200).body("lockType", equalTo("editing"));
        lock(t, "c.ts", "reviewing").then().statusCode(200).body("lockType", equalTo("reviewing"));
        assertEquals(3, rows(t).size());
    }

    @Test
    void invalidLockRequestsAre400() {
        int t = task("bad");
        for (String bad : List.of("../etc/passwd", "src/../../x", "..", "/", "  ", "a\\u0000b")) {
            lock(t, bad, "editing").then().statusCode(400).contentType(startsWith("application/problem+json"))
                    .body("errors.field", contains("filePath"));
        }
        lock(t, "a.ts", "owning").then().statusCode(400).body("errors.field", contains("lockType"));
        as(member).body("{\"filePath\":\"a.ts\"}").post(locks(t)).then().statusCode(400).body("errors.field", contains("lockType"));
        lock(t, "x".repeat(1001), "editing").then().statusCode(400);
        assertEquals(0, rows(t).size());
    }

    @Test
    void viewerMayNotLockAndAnotherTeamGets404() {
        int t = task("guarded");
        as(keyFor(team, Role.VIEWER)).body("{\"filePath\":\"a.ts\",\"lockType\":\"editing\"}").post(locks(t)).then().statusCode(403);
        String stranger = keyFor(newTeam(), Role.OWNER);
        as(stranger).body("{\"filePath\":\"a.ts\",\"lockType\":\"editing\"}").post(locks(t)).then().statusCode(404);
        as(stranger).get("/api/v1/projects/" + project + "/locks").then().statusCode(404);
        as(stranger).body("{\"filePaths\":[\"a.ts\"]}").post("/api/v1/projects/" + project + "/locks/check").then().statusCode(404);
        assertEquals(0, rows(t).size());
        lock(t, "a.ts", "editing").then().statusCode(201);
        as(stranger).queryParam("filePath", "a.ts").delete(locks(t)).then().statusCode(404);
        as(keyFor(team, Role.VIEWER)).queryParam("filePath", "a.ts").delete(locks(t)).then().statusCode(403);
        assertEquals("locked", rows(t).get(0).getString("status"));
    }

    @Test
    void lockingThroughAWeirdTaskIdIs404() {
        for (String bad : List.of("x", "0", "-3", "4294967296")) {
            as(member).body("{\"filePath\":\"a.ts\",\"lockType\":\"editing\"}").post("/api/v1/work-tasks/" + bad + "/locks").then()
                    .statusCode(404);
        }
    }

    // ---------------------------------------------------------------- release

    @Test
    void releaseFreesThePathForOthers() {
        int first = task("first");
        int second = task("second");
        lock(first, "src/a.ts", "editing").then().statusCode(201);
        as(member).queryParam("filePath", "/src/a.ts").delete(locks(first)).then().statusCode(204);
        Row released = rows(first).get(0);
        assertEquals("released", released.getString("status"));
        assertThat(released.getOffsetDateTime("released_at"), notNullValue());
        as(member).queryParam("filePath", "src/a.ts").delete(locks(first)).then().statusCode(404);
        lock(second, "src/a.ts", "editing").then().statusCode(201);
        assertEquals(List.of("work_task.create", "lock.create", "lock.delete"), Audits.successfulActions(String.valueOf(first)));
    }

    @Test
    void releaseNeedsAValidFilePath() {
        int t = task("t");
        as(member).delete(locks(t)).then().statusCode(400).body("errors.field", contains("filePath"));
        as(member).queryParam("filePath", "../x").delete(locks(t)).then().statusCode(400).body("errors.field", contains("filePath"));
    }

    @Test
    void doneReleasesTheTasksLocksAndAFinishedTaskTakesNoMore() {
        int t = task("finishing");
        lock(t, "a.ts", "editing").then().statusCode(201);
        lock(t, "b.ts", "reviewing").then().statusCode(201);
        for (String status : List.of("in-progress", "review", "done")) {
            as(member).body("{\"status\":\"" + status + "\"}").patch("/api/v1/work-tasks/" + t).then().statusCode(200);
        }
        rows(t).forEach(r -> {
            assertEquals("released", r.getString("status"));
            assertThat(r.getOffsetDateTime("released_at"), notNullValue());
        });
        as(member).get("/api/v1/projects/" + project + "/locks").then().body("items", empty());
        lock(t, "c.ts", "editing").then().statusCode(409).body("detail", containsString("done"));
        lock(task("next"), "a.ts", "editing").then().statusCode(201);
    }

    // ---------------------------------------------------------------- race

    @Test
    void twelveTasksRacingForOnePathGetOneLockAndElevenConflictsNamingTheHolder() throws Exception {
        List<Integer> tasks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            tasks.add(task("racer" + i));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int t : tasks) {
                Callable<Response> call = () -> {
                    start.await();
                    return lock(t, "src/contended.ts", "editing");
                };
                answers.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> winners = new ArrayList<>();
            List<Response> losers = new ArrayList<>();
            for (int i = 0; i < answers.size(); i++) {
                Response r = answers.get(i).get(60, TimeUnit.SECONDS);
                if (r.statusCode() == 201) {
                    winners.add(tasks.get(i));
                } else {
                    assertEquals(409, r.statusCode(), r.asString());
                    losers.add(r);
                }
            }
            assertEquals(1, winners.size());
            assertEquals(11, losers.size());
            for (Response r : losers) {
                assertEquals(List.of(winners.get(0)), r.jsonPath().getList("conflicts.taskId"), r.asString());
                assertEquals("src/contended.ts", r.jsonPath().getString("conflicts[0].filePath"));
                assertEquals("racer" + tasks.indexOf(winners.get(0)), r.jsonPath().getString("conflicts[0].title"));
            }
        } finally {
            pool.shutdownNow();
        }
        long live = Fixtures.pool().preparedQuery("SELECT count(*) FROM work_task_files WHERE project_name = $1 AND status = 'locked'")
                .execute(Tuple.of(project)).await().indefinitely().iterator().next().getLong(0);
        assertEquals(1, live);
    }

    @Test
    void whenTheIndexDecidesTheLoserStillGets409NamingTheHolder() throws Exception {
        int holder = task("holder");
        int loser = task("loser");
        // The holder's lock is inserted but not committed: the loser's own check cannot see it, its insert waits on the
        // unique index, and fails once the holder commits.
        var conn = Fixtures.pool().getConnection().await().indefinitely();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            var tx = conn.begin().await().indefinitely();
            conn.preparedQuery("INSERT INTO work_task_files (task_id, file_path, lock_type) VALUES ($1, 'race.ts', 'editing')")
                    .execute(Tuple.of(holder)).await().indefinitely();
            Future<Response> answer = pool.submit(() -> lock(loser, "race.ts", "editing"));
            Thread.sleep(1000);
            tx.commit().await().indefinitely();
            answer.get(30, TimeUnit.SECONDS).then().statusCode(409)
                    .body("conflicts.taskId", contains(holder)).body("conflicts[0].title", equalTo("holder"));
        } finally {
            conn.close().await().indefinitely();
            pool.shutdownNow();
        }
        assertEquals(0, rows(loser).size());
    }

    @Test
    void oneTaskAskingTwiceAtOnceKeepsOneLock() throws Exception {
        int t = task("doubled");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return lock(t, "same.ts", "reviewing").statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : answers) {
                statuses.add(f.get(60, TimeUnit.SECONDS));
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(5, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, rows(t).size());
    }

    // ---------------------------------------------------------------- list and check

    @Test
    void projectLocksArePaged() {
        int t = task("pager");
        for (String p : List.of("a.ts", "b.ts", "c.ts")) {
            lock(t, p, "editing").then().statusCode(201);
        }
        String base = "/api/v1/projects/" + project + "/locks";
        String cursor = as(member).queryParam("limit", 2).get(base).then().statusCode(200)
                .body("items.filePath", contains("a.ts", "b.ts")).extract().path("nextCursor");
        as(member).queryParam("limit", 2).queryParam("cursor", cursor).get(base).then().statusCode(200)
                .body("items.filePath", contains("c.ts")).body("nextCursor", nullValue());
        as(member).queryParam("limit", 0).get(base).then().statusCode(400);
    }

    @Test
    void checkListsOtherTasksEditingLocksOnTheGivenPaths() {
        int holder = task("holder");
        int reviewer = task("reviewer");
        int asker = task("asker");
        lock(holder, "src/a.ts", "editing").then().statusCode(201);
        lock(reviewer, "src/b.ts", "reviewing").then().statusCode(201);
        lock(asker, "src/c.ts", "editing").then().statusCode(201);
        String check = "/api/v1/projects/" + project + "/locks/check";
        String viewer = keyFor(team, Role.VIEWER);
        as(viewer).body("{\"filePaths\":[\"./src/a.ts\",\"src/b.ts\",\"src/c.ts\",\"src/free.ts\",\"src/a.ts\"]}").post(check).then()
                .statusCode(200).body("conflicts.filePath", contains("src/a.ts", "src/c.ts"))
                .body("conflicts[0].taskId", equalTo(holder)).body("conflicts[0].author", equalTo("holder@example.com"));
        as(viewer).body("{\"filePaths\":[\"src/a.ts\",\"src/c.ts\"],\"taskId\":" + asker + "}").post(check).then()
                .statusCode(200).body("conflicts.taskId", contains(holder));
        as(viewer).body("{\"filePaths\":[\"src/free.ts\"]}").post(check).then().statusCode(200).body("conflicts", empty());
    }

    @Test
    void checkValidatesItsPaths() {
        String check = "/api/v1/projects/" + project + "/locks/check";
        as(member).body("{\"filePaths\":[\"ok.ts\",\"../up.ts\"]}").post(check).then().statusCode(400)
                .body("errors.field", contains("filePaths[1]"));
        as(member).body("{\"filePaths\":[]}").post(check).then().statusCode(400);
        as(member).body("{}").post(check).then().statusCode(400);
        StringBuilder many = new StringBuilder("{\"filePaths\":[");
        for (int i = 0; i < 501; i++) {
            many.append(i == 0 ? "" : ",").append("\"f").append(i).append(".ts\"");
        }
        as(member).body(many.append("]}").toString()).post(check).then().statusCode(400);
        as(member).body("{\"filePaths\":[\"a.ts\"],\"taskId\":\"x\"}").post(check).then().statusCode(400);
    }
}
