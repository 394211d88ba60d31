package io.ticketing.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import io.ticketing.config.PeriodicTask;
import io.ticketing.redis.LuaScripts;
import io.ticketing.redis.RedisKeys;
import io.ticketing.resilience.DependencyBreakers;
import io.ticketing.web.ShedRequests;

/**
 * Every instance's heartbeat in Redis (console/heartbeat.lua), once a second, whether or not a
 * console watches: its answer, the instances alive with their breakers and shed requests, is the
 * console's health block on every instance alike. Not guarded by the Redis breaker: the roll call
 * must not open it, and must report it.
 */
@Component
class InstanceRollCall extends PeriodicTask {

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> HEARTBEAT = LuaScripts.load("console/heartbeat.lua", List.class);
    private static final List<String> WORST_FIRST = List.of("FORCED_OPEN", "OPEN", "HALF_OPEN", "METRICS_ONLY", "DISABLED", "CLOSED");

    private final ReactiveStringRedisTemplate redis;
    private final DependencyBreakers breakers;
    private final ShedRequests shed;
    private final ConsoleProperties properties;
    private final String key;
    private final String id = UUID.randomUUID().toString();
    private volatile Health latest;

    InstanceRollCall(ReactiveStringRedisTemplate redis, DependencyBreakers breakers, ShedRequests shed, ConsoleProperties properties, RedisKeys prefix) {
        this.redis = redis;
        this.breakers = breakers;
        this.shed = shed;
        this.properties = properties;
        this.key = prefix.key("console:instances");
    }

    /** This instance's name in the roll call, new at every start. */
    String id() {
        return id;
    }

    /** The newest roll call; before the first answer (or when Redis does not answer), this instance alone, the count unknown. */
    Health health() {
        Health known = latest;
        return known != null ? known : alone();
    }

    Mono<Health> beat() {
        String state = breakers.redisState() + "|" + breakers.databaseState() + "|" + shed.total();
        return redis.execute(HEARTBEAT, List.of(key), List.of(id, state, Long.toString(properties.instanceTimeout().toMillis())))
            .next()
            .map(InstanceRollCall::parse)
            .doOnNext(health -> latest = health)
            .doOnError(e -> latest = null);
    }

    private Health alone() {
        return new Health(null, breakers.redisState(), breakers.databaseState(), shed.total(),
            List.of(new Health.Instance(id, breakers.redisState(), breakers.databaseState(), shed.total())));
    }

    @SuppressWarnings("rawtypes")
    private static Health parse(List reply) {
        List<Health.Instance> instances = new ArrayList<>();
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            String[] state = reply.get(i + 1).toString().split("\\|");
            instances.add(new Health.Instance(reply.get(i).toString(), state[0], state[1], Long.parseLong(state[2])));
        }
        return new Health(instances.size(), worst(instances.stream().map(Health.Instance::redisBreaker).toList()),
            worst(instances.stream().map(Health.Instance::databaseBreaker).toList()),
            instances.stream().mapToLong(Health.Instance::shedRequests).sum(), List.copyOf(instances));
    }

    /** The worst of the breakers' states: one open breaker anywhere is what the operator must see. */
    static String worst(List<String> states) {
        return states.stream().min((a, b) -> Integer.compare(rank(a), rank(b))).orElse(null);
    }

    private static int rank(String state) {
        int rank = WORST_FIRST.indexOf(state);
        return rank < 0 ? WORST_FIRST.size() : rank;
    }

    @Override
    protected Duration period() {
        return properties.instanceBeat();
    }

    @Override
    protected Mono<?> runOnce() {
        return beat();
    }

    /**
     * The instances serving the deployment.
     *
     * @param instances       instances that beat within the timeout; null when Redis does not answer this one
     * @param redisBreaker    the worst state of the Redis breakers of the instances
     * @param databaseBreaker the worst state of their database breakers
     * @param shedRequests    503 overloaded answers since each started, summed
     */
    record Health(Integer instances, String redisBreaker, String databaseBreaker, long shedRequests, List<Instance> perInstance) {

        record Instance(String id, String redisBreaker, String databaseBreaker, long shedRequests) {
        }
    }
}
