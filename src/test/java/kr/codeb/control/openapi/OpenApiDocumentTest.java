package kr.codeb.control.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document is the checked-in {@code src/test/openapi/openapi.json} (which the generated client is
 * built from, and a reviewer reads in a diff), and Spectral's {@code spectral:oas} rules find no error in it and at most
 * the warnings the README names.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_WARNINGS = 10;

    @Test
    void servedDocumentIsTheCheckedInOne() throws Exception {
        JsonNode served = JSON.readTree(NodeTools.served());
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(NodeTools.CHECKED_IN, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(served) + "\n",
                    StandardCharsets.UTF_8);
        }
        JsonNode checkedIn = JSON.readTree(Files.readString(NodeTools.CHECKED_IN));
        assertEquals(checkedIn, served, "The served document differs from " + NodeTools.CHECKED_IN + "; review the change and"
                + " refresh it with ./mvnw -o -B test -Dtest=OpenApiDocumentTest -Dopenapi.update=true");
    }

    @Test
    void spectralFindsNoErrorsAndAtMostTenWarnings() throws Exception {
        String doc = NodeTools.servedFile("spectral-input.json").toString();
        String out = NodeTools.run(180, NodeTools.bin("spectral").toString(), "lint", "--ruleset", ".spectral.yaml",
                "--format", "json", "--quiet", "--fail-severity", "error", doc);
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (JsonNode result : JSON.readTree(out.isBlank() ? "[]" : out)) {
            String line = result.path("code").asText() + " at " + result.path("path") + ": " + result.path("message").asText();
            switch (result.path("severity").asInt()) {
                case 0 -> errors.add(line);
                case 1 -> warnings.add(line);
                default -> { }
            }
        }
        assertTrue(errors.isEmpty(), "Spectral errors:\n" + String.join("\n", errors));
        assertTrue(warnings.size() <= MAX_WARNINGS, warnings.size() + " Spectral warnings (at most " + MAX_WARNINGS + "):\n"
                + String.join("\n", warnings));
    }
}
