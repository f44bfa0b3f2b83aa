package kr.codeb.control.project;

import java.util.List;
import kr.codeb.control.common.problem.ApiException;

/** The deployment environments of SPEC §5. */
public final class Environment {

    public static final List<String> ALL = List.of("production", "staging", "preview");

    private Environment() {
    }

    /** The environment named in a path, or 404 (an unknown environment is a resource that does not exist). */
    public static String require(String env) {
        if (env == null || !ALL.contains(env)) {
            throw ApiException.notFound("No environment '" + (env == null ? "" : env.length() > 40 ? env.substring(0, 40) + "…" : env)
                    + "'; environments are production, staging and preview");
        }
        return env;
    }
}
