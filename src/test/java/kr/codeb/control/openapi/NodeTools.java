package kr.codeb.control.openapi;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The pinned npm tools of {@code src/test/openapi} (installed there by {@code npm ci}, as {@code .ci/run} does), run as
 * child processes, and the served document they read.
 */
final class NodeTools {

    static final Path DIR = Path.of("src/test/openapi");
    static final Path CHECKED_IN = DIR.resolve("openapi.json");
    static final Path WORK = Path.of("target/openapi-contract");

    private NodeTools() {
    }

    /** The executable of an installed tool; fails with the command that installs it when it is missing. */
    static Path bin(String tool) {
        Path bin = DIR.resolve("node_modules/.bin").resolve(tool).toAbsolutePath();
        if (!Files.isExecutable(bin)) {
            throw new IllegalStateException(bin + " is missing: run `npm ci` in " + DIR + " (.ci/run does)");
        }
        return bin;
    }

    /** The document as the running test service serves it. */
    static String served() {
        return given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
    }

    /** Writes the served document under target/ for a tool to read, and returns its path. */
    static Path servedFile(String name) {
        try {
            Files.createDirectories(WORK);
            return Files.writeString(WORK.resolve(name), served(), StandardCharsets.UTF_8).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code command} to its end (at most {@code seconds}) and returns what it printed on stdout. */
    static String run(long seconds, String... command) {
        try {
            Files.createDirectories(WORK);
            Path out = Files.createTempFile(WORK, "out", ".txt");
            Path err = Files.createTempFile(WORK, "err", ".txt");
            Process p = new ProcessBuilder(List.of(command)).directory(DIR.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + seconds + " s");
            }
            String stdout = Files.readString(out);
            if (stdout.isBlank() && p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ": " + Files.readString(err));
            }
            return stdout;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
