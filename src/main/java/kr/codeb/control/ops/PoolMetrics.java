package kr.codeb.control.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The reactive pool's state as seed 000/004 names it: total, idle and waiting (the
 * {@code codeb_db_pool_*} gauges), derived from the pool and the Vert.x {@code sql_pool_*} meters.
 */
@ApplicationScoped
public class PoolMetrics {

    private final Pool pool;
    private final MeterRegistry registry;

    PoolMetrics(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.registry = registry;
    }

    void register(@Observes StartupEvent event) {
        Gauge.builder("codeb.db.pool.total", this, PoolMetrics::total).description("Open connections of the reactive pool")
                .register(registry);
        Gauge.builder("codeb.db.pool.idle", this, m -> Math.max(0, m.total() - m.vertx("sql.pool.active")))
                .description("Open connections not in use").register(registry);
        Gauge.builder("codeb.db.pool.waiting", this, m -> m.vertx("sql.pool.queue.size"))
                .description("Requests waiting for a connection").register(registry);
    }

    /** Open connections; also used by the database statistics endpoint. */
    public double total() {
        return pool.getDelegate().size();
    }

    public double idle() {
        return Math.max(0, total() - vertx("sql.pool.active"));
    }

    public double waiting() {
        return vertx("sql.pool.queue.size");
    }

    private double vertx(String name) {
        Gauge g = registry.find(name).tag("pool_name", "codeb").gauge();
        return g == null ? 0 : g.value();
    }
}
