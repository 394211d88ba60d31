package io.ticketing.queue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import io.ticketing.redis.RedisKeys;
import io.ticketing.resilience.DependencyBreakers;

/**
 * The figures of an event's waiting room: the sizes of its lines, its cumulative counters and its
 * settings' copy with the mode in force, in one Redis round trip (figures.lua), for the operator's
 * console, the admin API and the metrics alike. The figures are the room's, in Redis, so every
 * instance reads the same ones.
 */
@Component
public class QueueFigures {

    private static final String WAIT_FIELD = "wait:";
    private static final int SETTINGS = 7;
    private static final int SIZES = 4;

    private final ReactiveStringRedisTemplate redis;
    private final DependencyBreakers breakers;
    private final QueueScripts scripts;
    private final QueueProperties properties;
    private final RedisKeys prefix;

    QueueFigures(ReactiveStringRedisTemplate redis, DependencyBreakers breakers, QueueScripts scripts, QueueProperties properties, RedisKeys prefix) {
        this.redis = redis;
        this.breakers = breakers;
        this.scripts = scripts;
        this.properties = properties;
        this.prefix = prefix;
    }

    public Mono<Room> read(long eventId) {
        return breakers.redis(redis.execute(scripts.figures, new QueueKeys(prefix, eventId).forFigures(), List.of()).next())
            .map(this::parse);
    }

    private Room parse(List<?> reply) {
        Map<String, Long> counters = new HashMap<>();
        Map<Integer, Long> waits = new HashMap<>();
        for (int i = SIZES + SETTINGS; i + 1 < reply.size(); i += 2) {
            String field = reply.get(i).toString();
            long value = number(reply.get(i + 1), 0);
            if (field.startsWith(WAIT_FIELD)) {
                waits.put(Integer.parseInt(field.substring(WAIT_FIELD.length())), value);
            }
            else if (!field.equals("soldOutAt")) {
                counters.put(field, value);
            }
        }
        Settings settings = new Settings(
            (int) number(reply.get(SIZES), properties.admissionRatePerSecond()),
            (int) number(reply.get(SIZES + 1), properties.maxActive()),
            "1".equals(text(reply.get(SIZES + 2))),
            Objects.requireNonNullElse(text(reply.get(SIZES + 3)), QueueMode.DEFAULT.name()),
            text(reply.get(SIZES + 6)),
            text(reply.get(SIZES + 4)),
            (int) number(reply.get(SIZES + 5), 0));
        return new Room(number(reply.get(0), 0), number(reply.get(1), 0), number(reply.get(2), 0), number(reply.get(3), 0),
            counters.getOrDefault("entries", 0L), counters.getOrDefault("admitted", 0L), counters.getOrDefault("skipped", 0L),
            counters.getOrDefault("restored", 0L), Map.copyOf(waits), settings);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static long number(Object value, long fallback) {
        if (value == null) {
            return fallback;
        }
        return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString());
    }

    /**
     * @param inside  admissions still running
     * @param limbo   entries in the infinite line, never admitted
     * @param restored places put back after Redis forgot them (restore.lua), since it last forgot the room's counters
     * @param waits   entry-to-admission waits: log bucket (shared/wait-histogram.lua) -> admissions
     */
    public record Room(long preQueue, long waiting, long inside, long limbo, long entries, long admissions, long skipped, long restored,
                       Map<Integer, Long> waits, Settings settings) {
    }

    /**
     * The room's settings as its config hash holds them, the service's defaults for those not set;
     * {@code effectiveMode} is the mode in force now (a scheduled one, or the one set), as entries and
     * ticks see it; {@code message} is null when not set.
     */
    public record Settings(int admissionRatePerSecond, int maxActive, boolean paused, String mode, String effectiveMode, String message,
                           int challengeBits) {
    }
}
