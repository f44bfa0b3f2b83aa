package kr.codeb.control.openapi;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The contract tests' profile: webhooks may target loopback (the scenario creates one to a closed local port, so its
 * deliveries fail and their error fields are filled in), and a registry directory of its own.
 */
public class ContractProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("codeb.webhook-allow-private", "true", "codeb.registry-dir", "target/codeb-test/registry-contract");
    }
}
