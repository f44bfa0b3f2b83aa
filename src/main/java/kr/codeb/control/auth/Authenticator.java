package kr.codeb.control.auth;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Resolves a presented key to a caller: system keys first (no database needed), then team keys. */
@ApplicationScoped
public class Authenticator {

    /** Longest key accepted at all; anything longer is rejected without hashing. */
    static final int MAX_KEY_LENGTH = 256;

    private final SystemKeys systemKeys;

    Authenticator(SystemKeys systemKeys) {
        this.systemKeys = systemKeys;
    }

    public Uni<Optional<Caller>> authenticate(String key) {
        if (key.length() > MAX_KEY_LENGTH) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Uni.createFrom().item(systemKeys.match(key));
    }
}
