package io.ticketing.queue;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Service;

import io.ticketing.resilience.DependencyBreakers;
import io.ticketing.redis.RedisKeys;

/** Live figures of one event's waiting room, and its settings as the operators see them. */
@Service
class QueueAdmin {

    private final ReactiveStringRedisTemplate redis;
    private final DependencyBreakers breakers;
    private final QueueScripts scripts;
    private final QueueSettingsStore settings;
    private final RedisKeys prefix;

    QueueAdmin(ReactiveStringRedisTemplate redis, DependencyBreakers breakers, QueueScripts scripts, QueueSettingsStore settings, RedisKeys prefix) {
        this.prefix = prefix;
        this.redis = redis;
        this.breakers = breakers;
        this.scripts = scripts;
        this.settings = settings;
    }

    /** The room's figures, from Redis alone. */
    Mono<QueueFigures> figures(long eventId) {
        QueueKeys keys = new QueueKeys(prefix, eventId);
        return breakers.redis(Mono.zip(
                redis.opsForZSet().size(keys.line()),
                redis.execute(scripts.active, List.of(keys.admitted())).next(),
                redis.<String, String>opsForHash().multiGet(keys.stats(), List.of("admitted", "skipped"))))
            .map(t -> new QueueFigures(t.getT1(), number(t.getT3().get(0)), t.getT2(), number(t.getT3().get(1))));
    }

    /** The figures, the settings, and the mode in force now (a scheduled one, or the one set). */
    Mono<QueueStats> stats(long eventId) {
        return Mono.zip(figures(eventId), settings.current(eventId), mode(eventId))
            .map(t -> QueueStats.of(t.getT1(), t.getT2(), t.getT3()));
    }

    /** The mode in force now, as entries and ticks see it (queue-mode.lua, on Redis's clock). */
    Mono<QueueMode> mode(long eventId) {
        return breakers.redis(redis.execute(scripts.mode, List.of(new QueueKeys(prefix, eventId).config())).next())
            .map(QueueMode::valueOf);
    }

    private static long number(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }

    record QueueFigures(long waiting, long admitted, long active, long skipped) {
    }

    /**
     * What an operator sees of the room. {@code mode} is the mode set; {@code effectiveMode} the one in
     * force now, which a scheduled window may override.
     */
    record QueueStats(long waiting, long admitted, long active, long skipped, int admissionRatePerSecond, int maxActive, boolean paused,
                      QueueMode mode, QueueMode effectiveMode, String message, int challengeBits, List<QueueSettings.ScheduledMode> schedule) {

        static QueueStats of(QueueFigures figures, QueueSettings settings, QueueMode effectiveMode) {
            return new QueueStats(figures.waiting(), figures.admitted(), figures.active(), figures.skipped(), settings.admissionRatePerSecond(),
                settings.maxActive(), settings.paused(), settings.mode(), effectiveMode, settings.message(), settings.challengeBits(),
                settings.schedule());
        }
    }
}
