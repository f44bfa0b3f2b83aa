package kr.codeb.control.common.db;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import kr.codeb.control.common.config.CodebEnvironment;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Feeds the SPEC §2 environment variables into configuration, and in the dev and test profiles starts
 * the embedded PostgreSQL when no database is configured. Registered through ServiceLoader.
 */
public class EnvConfigSourceFactory implements ConfigSourceFactory {

    /** Above application.properties (250), below real environment variables (300) and system properties. */
    static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        CodebEnvironment.Result result = CodebEnvironment.read(name -> {
            ConfigValue v = context.getValue(name);
            return v == null ? null : v.getValue();
        });
        if (!result.problems().isEmpty()) {
            throw new ConfigurationException("Invalid configuration: " + result.problems().stream()
                    .map(Object::toString).collect(Collectors.joining("; ")));
        }
        Map<String, String> props = new HashMap<>(result.properties());
        if (!result.databaseConfigured() && embeddedWanted(context)) {
            List<String> profiles = context.getProfiles();
            boolean test = profiles.contains("test");
            Path root = test ? Path.of("target", "embedded-postgres", "run-" + ProcessHandle.current().pid())
                    : Path.of(".codeb", "postgres");
            EmbeddedPostgres.Server server = EmbeddedPostgres.start(root, test);
            new CodebEnvironment.Connection(server.host(), server.port(), server.database(), server.user(),
                    server.password(), "").putInto(props);
        }
        if (!props.containsKey("quarkus.datasource.reactive.url") && context.getProfiles().contains("prod")
                && context.getValue("quarkus.datasource.reactive.url").getValue() == null && !buildTime()) {
            throw new ConfigurationException("No database configured: set DATABASE_URL=postgresql://user:password@host:port/database,"
                    + " or CODEB_DB_HOST with CODEB_DB_PORT, CODEB_DB_NAME, CODEB_DB_USER and CODEB_DB_PASSWORD");
        }
        return List.of(new MapBackedConfigSource("codeb-environment", props, ORDINAL) {
        });
    }

    private static boolean embeddedWanted(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        if (!(profiles.contains("dev") || profiles.contains("test"))) {
            return false;
        }
        ConfigValue flag = context.getValue("codeb.db.embedded");
        boolean enabled = flag == null || flag.getValue() == null || Boolean.parseBoolean(flag.getValue());
        ConfigValue url = context.getValue("quarkus.datasource.reactive.url");
        return enabled && (url == null || url.getValue() == null) && EmbeddedPostgres.available();
    }

    /** The Quarkus build (augmentation) also reads configuration; a database is only required when running. */
    private static boolean buildTime() {
        return EnvConfigSourceFactory.class.getClassLoader().getResource("io/quarkus/deployment/QuarkusAugmentor.class") != null;
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}
