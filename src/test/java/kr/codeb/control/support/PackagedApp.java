package kr.codeb.control.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts the packaged application (the fast-jar, or the native binary with {@code -Dcodeb.it.native=true}) as a child process. */
public final class PackagedApp {

    private PackagedApp() {
    }

    /**
     * Launches it with exactly the CodeB/database variables of {@code env} (the test's own environment's are removed),
     * writing its output to {@code log}.
     */
    public static Process launch(Map<String, String> env, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        if (Boolean.getBoolean("codeb.it.native")) {
            try (var files = Files.list(Path.of("target"))) {
                command.add(files.filter(p -> p.getFileName().toString().endsWith("-runner")).findFirst().orElseThrow().toString());
            }
        } else {
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("CODEB_") || k.startsWith("DATABASE_") || k.startsWith("DB_"));
        pb.environment().putAll(env);
        return pb.start();
    }
}
