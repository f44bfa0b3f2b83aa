package kr.codeb.control.env;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import kr.codeb.control.audit.Audited;
import kr.codeb.control.audit.Grant;
import kr.codeb.control.common.Cursor;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.common.events.ChangeEvent;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.web.Page;
import kr.codeb.control.common.web.PageRequest;

/**
 * Versioned env variables of a project environment. Every write locks the {@code project_envs} row (creating
 * it race-safely on the first write), checks If-Match, stores version + 1 and appends that version's full
 * encrypted content to the history, with its audit row and its {@code variables.changed} event (names only), in one
 * transaction. Values are decrypted only to be revealed; copies (rollback, restore) and diffs work on the stored form.
 */
@ApplicationScoped
public class EnvService {

    private final Db db;
    private final EnvRepository envs;
    private final EnvKeys keys;
    private final Audited audited;

    EnvService(Db db, EnvRepository envs, EnvKeys keys, Audited audited) {
        this.db = db;
        this.envs = envs;
        this.keys = keys;
        this.audited = audited;
    }

    /** The current variables, masked unless {@code reveal}; version 0 and no variables when never written. */
    public Uni<EnvViews.Variables> read(String project, String env, boolean reveal) {
        return envs.current(db.pool(), project, env).chain(current -> {
            StoredEnv stored = current == null ? StoredEnv.NONE : current;
            return values(stored, project, env, reveal).map(values -> new EnvViews.Variables(stored.version(), stored.encrypted(), values));
        });
    }

    /** {@code PUT}: the new version holds exactly {@code values}. */
    public Uni<EnvViews.Variables> replace(Grant grant, String project, String env, Map<String, String> values, String ifMatch) {
        Map<String, Object> params = params(env);
        params.put("variableNames", List.copyOf(values.keySet()));
        String by = grant.caller().name();
        Set<String> changed = new TreeSet<>();
        return keys.cipher().chain(k -> audited(grant, project, env, params, changed, conn -> write(conn, by, project, env, ifMatch,
                noting(k, project, env, changed, current -> {
                    Map<String, String> data = new TreeMap<>();
                    values.forEach((name, value) -> data.put(name, k.encrypt(EnvCipher.label(project, env, name), value)));
                    return data;
                }))));
    }

    /** {@code PATCH}: sets and removes on top of the current version; removing a name that is not set is ignored. */
    public Uni<EnvViews.Variables> patch(Grant grant, String project, String env, Map<String, String> set, Set<String> unset,
            String ifMatch) {
        String by = grant.caller().name();
        Map<String, Object> params = params(env);
        params.put("setNames", List.copyOf(set.keySet()));
        params.put("unsetNames", List.copyOf(unset));
        Set<String> changed = new TreeSet<>();
        return keys.cipher().chain(k -> audited(grant, project, env, params, changed, conn -> write(conn, by, project, env, ifMatch,
                noting(k, project, env, changed, current -> {
            Map<String, String> data = new TreeMap<>(storedForm(current, project, env, k));
            unset.forEach(data::remove);
            set.forEach((name, value) -> data.put(name, k.encrypt(EnvCipher.label(project, env, name), value)));
            if (data.size() > EnvRules.MAX_VARIABLES) {
                throw ApiException.invalid("set", "would make " + data.size() + " variables; at most " + EnvRules.MAX_VARIABLES
                        + " are allowed");
            }
            return data;
        }))));
    }

    /** {@code POST …/rollback}: a new version with the content of {@code version}. */
    public Uni<EnvViews.Variables> rollback(Grant grant, String project, String env, int version, String ifMatch) {
        Map<String, Object> params = params(env);
        params.put("restoredVersion", version);
        String by = grant.caller().name();
        Set<String> changed = new TreeSet<>();
        return keys.cipher().chain(k -> audited(grant, project, env, params, changed, conn -> existing(conn, project, env, version)
                .chain(target -> write(conn, by, project, env, ifMatch, noting(k, project, env, changed,
                        current -> storedForm(target, project, env, k))))));
    }

    /** A version written by {@link #restore}: its number and the names whose value it changed. */
    public record Restored(int version, List<String> changedNames) {
    }

    /**
     * Inside a slot rollback's transaction: writes a new version with the content of {@code version} (the one a
     * deployment recorded) and answers the new version. 409 when that version no longer exists.
     */
    public Uni<Restored> restore(SqlConnection conn, String by, String project, String env, int version) {
        Set<String> changed = new TreeSet<>();
        return keys.cipher().chain(k -> envs.version(conn, project, env, version)
                .chain(target -> {
                    if (target == null) {
                        throw ApiException.conflict("The env-var version " + version + " the deployment recorded no longer exists;"
                                + " roll back without restoreVariables");
                    }
                    return write(conn, by, project, env, null, noting(k, project, env, changed, current -> storedForm(target, project, env, k)));
                }))
                .map(written -> new Restored(written.version(), List.copyOf(changed)));
    }

    /** Names added, removed and changed from version {@code from} to {@code to} (0 is the empty state before the first write). */
    public Uni<EnvViews.Diff> diff(String project, String env, int from, int to) {
        return keys.cipher().chain(k -> load(project, env, from).chain(a -> load(project, env, to).map(b -> {
            List<String> added = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            List<String> changed = new ArrayList<>();
            b.data().forEach((name, value) -> {
                if (!a.data().containsKey(name)) {
                    added.add(name);
                } else {
                    String label = EnvCipher.label(project, env, name);
                    if (!k.comparable(label, a.data().get(name), a.encrypted()).equals(k.comparable(label, value, b.encrypted()))) {
                        changed.add(name);
                    }
                }
            });
            a.data().keySet().stream().filter(name -> !b.data().containsKey(name)).forEach(removed::add);
            return new EnvViews.Diff(from, to, added, removed, changed);
        })));
    }

    /** The versions, newest first, keyset-paginated by version; names only. */
    public Uni<Page<EnvViews.VersionSummary>> versions(String project, String env, PageRequest page) {
        Integer before = page.after().map(p -> Integer.valueOf(p.get(0))).orElse(null);
        return envs.list(project, env, before, page.fetchSize())
                .map(rows -> Page.of(rows.stream().map(v -> new EnvViews.VersionSummary(v.version(), v.createdBy(),
                                v.createdAt() == null ? null : v.createdAt().toInstant(), v.keys())).toList(), page.limit(),
                        v -> Cursor.encode(String.valueOf(v.version()))));
    }

    /** One stored version, masked unless {@code reveal}; 404 when it never existed. */
    public Uni<EnvViews.Version> version(String project, String env, int version, boolean reveal) {
        return existing(db.pool(), project, env, version).chain(stored -> values(stored, project, env, reveal)
                .map(values -> new EnvViews.Version(stored.version(), stored.createdBy(), stored.createdAt(), stored.encrypted(), values)));
    }

    // ------------------------------------------------------------------------------------------ writing

    /**
     * Runs {@code work} in a transaction that also writes the audit row (with the new version) and the
     * {@code variables.changed} event naming {@code changed} (filled by the work), and answers the masked view.
     */
    private Uni<EnvViews.Variables> audited(Grant grant, String project, String env, Map<String, Object> params, Set<String> changed,
            Function<SqlConnection, Uni<StoredEnv>> work) {
        return audited.change(grant, project, params, tx -> work.apply(tx.conn()).invoke(written -> tx.emit(ChangeEvent.of(
                                "variables.changed", grant.teamId(), project, env, grant.caller().name(), "envVersion", written.version(),
                                "keys", List.copyOf(changed)))),
                        written -> Map.of("version", written.version()))
                .map(written -> new EnvViews.Variables(written.version(), true, masked(written.data())));
    }

    /**
     * {@code change}, noting in {@code changed} the names it adds, removes or gives another value (compared by the keyed
     * digests, so nothing is decrypted).
     */
    private static Function<StoredEnv, Map<String, String>> noting(EnvCipher k, String project, String env, Set<String> changed,
            Function<StoredEnv, Map<String, String>> change) {
        return current -> {
            Map<String, String> next = change.apply(current);
            current.data().keySet().stream().filter(name -> !next.containsKey(name)).forEach(changed::add);
            next.forEach((name, value) -> {
                String old = current.data().get(name);
                String label = EnvCipher.label(project, env, name);
                if (old == null || !k.comparable(label, old, current.encrypted()).equals(k.comparable(label, value, true))) {
                    changed.add(name);
                }
            });
            return next;
        };
    }

    /**
     * Locks the current version (creating the row when this is the first write, or locking the row a concurrent
     * first writer created), checks If-Match against it, and stores {@code change(current)} as the next version.
     */
    private Uni<StoredEnv> write(SqlConnection conn, String by, String project, String env, String ifMatch,
            Function<StoredEnv, Map<String, String>> change) {
        return envs.lock(conn, project, env).chain(locked -> {
            if (locked != null) {
                return next(conn, by, project, env, ifMatch, locked, change);
            }
            EnvRules.checkIfMatch(StoredEnv.NONE.version(), ifMatch);
            Map<String, String> data = change.apply(StoredEnv.NONE);
            return envs.insertFirst(conn, project, env, data, by).chain(created -> created != null
                    ? envs.append(conn, project, env, created, data, by)
                    : envs.lock(conn, project, env)
                            .onItem().ifNull().failWith(() -> ApiException.unavailable("Concurrent update; retry the request"))
                            .chain(again -> next(conn, by, project, env, ifMatch, again, change)));
        });
    }

    private Uni<StoredEnv> next(SqlConnection conn, String by, String project, String env, String ifMatch, StoredEnv current,
            Function<StoredEnv, Map<String, String>> change) {
        EnvRules.checkIfMatch(current.version(), ifMatch);
        Map<String, String> data = change.apply(current);
        int version = current.version() + 1;
        return envs.keepCurrentInHistory(conn, project, env)
                .chain(() -> envs.update(conn, project, env, data, version))
                .chain(() -> envs.append(conn, project, env, version, data, by));
    }

    /** A version's content as it is stored by writes: encrypted (values of a pre-encryption row are encrypted now). */
    private static Map<String, String> storedForm(StoredEnv stored, String project, String env, EnvCipher k) {
        if (stored.encrypted()) {
            return stored.data();
        }
        Map<String, String> data = new TreeMap<>();
        stored.data().forEach((name, value) -> data.put(name, k.encrypt(EnvCipher.label(project, env, name), value)));
        return data;
    }

    // ------------------------------------------------------------------------------------------ reading

    private Uni<StoredEnv> load(String project, String env, int version) {
        return version == 0 ? Uni.createFrom().item(StoredEnv.NONE) : existing(db.pool(), project, env, version);
    }

    private Uni<StoredEnv> existing(SqlClient client, String project, String env, int version) {
        return envs.version(client, project, env, version).onItem().ifNull()
                .failWith(() -> ApiException.notFound("No env-var version " + version + " of " + project + " " + env));
    }

    /** The values to show: masked, or decrypted for a reveal. */
    private Uni<Map<String, String>> values(StoredEnv stored, String project, String env, boolean reveal) {
        if (!reveal) {
            return Uni.createFrom().item(masked(stored.data()));
        }
        return keys.cipher().map(k -> {
            Map<String, String> out = new TreeMap<>();
            stored.data().forEach((name, value) -> out.put(name, stored.encrypted() ? decrypt(k, project, env, name, stored.version(), value)
                    : value));
            return out;
        });
    }

    private static String decrypt(EnvCipher k, String project, String env, String name, int version, String value) {
        try {
            return k.decrypt(EnvCipher.label(project, env, name), value);
        } catch (EnvCipher.DecryptionFailedException e) {
            throw new ApiException(500, "env-value-unreadable", "Stored value unreadable", "The stored value of " + name + " (version "
                    + version + ") cannot be decrypted with the configured CODEB_ENV_ENCRYPTION_KEY: " + e.getMessage(), null);
        }
    }

    private static Map<String, String> masked(Map<String, String> data) {
        Map<String, String> out = new TreeMap<>();
        data.keySet().forEach(name -> out.put(name, EnvViews.MASK));
        return out;
    }

    private static Map<String, Object> params(String env) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("environment", env);
        return params;
    }
}
