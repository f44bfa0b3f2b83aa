package kr.codeb.control.common.db;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import java.util.ArrayList;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import kr.codeb.control.common.config.CodebConfig;

/** Applies the pool settings of SPEC §2 (DB_POOL_MAX, DB_POOL_IDLE_TIMEOUT, DB_CONNECT_TIMEOUT) to the reactive pool. */
@Singleton
public class PoolCreator implements PgPoolCreator {

    private final CodebConfig config;
    private volatile PgConnectOptions primary;

    PoolCreator(CodebConfig config) {
        this.config = config;
    }

    @Override
    public Pool create(Input input) {
        CodebConfig.DbConfig db = config.db();
        PoolOptions pool = input.poolOptions()
                .setName("codeb")
                .setMaxSize(db.poolMax())
                .setIdleTimeout(db.poolIdleTimeout())
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setConnectionTimeout(db.connectTimeout())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
                // a request waiting for a connection beyond this gets 503 instead of queueing forever
                .setMaxWaitQueueSize(db.poolMax() * 50);
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            options.setConnectTimeout(db.connectTimeout());
            options.getProperties().put("application_name", "codeb-control-plane");
        }
        primary = new PgConnectOptions(input.pgConnectOptionsList().get(0));
        return PgBuilder.pool().with(pool).connectingTo(new ArrayList<SqlConnectOptions>(input.pgConnectOptionsList())).using(input.vertx()).build();
    }

    /** Where the pool connects (its first server), for the one connection that listens for change notifications; null before the pool exists. */
    public PgConnectOptions primaryOptions() {
        PgConnectOptions p = primary;
        return p == null ? null : new PgConnectOptions(p);
    }
}
