package io.ticketing.queue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import io.ticketing.resilience.DependencyBreakers;
import io.ticketing.config.PeriodicTask;
import io.ticketing.redis.RedisKeys;

/**
 * The waiting room per event, for dashboards: {@code ticketing_queue_waiting},
 * {@code ticketing_queue_active} and {@code ticketing_queue_admitted} (all time) are read from
 * Redis every few seconds, so every instance reports the same figures (take max by event);
 * {@code ticketing_queue_admissions_total} counts this instance's own admissions (sum by event
 * for the rate). Events leave the metrics when they leave the set of active waiting rooms.
 */
@Component
class QueueMetrics extends PeriodicTask {

    private static final Duration REFRESH = Duration.ofSeconds(5);
    private static final String[] PER_EVENT = {"ticketing.queue.waiting", "ticketing.queue.active", "ticketing.queue.admitted",
        "ticketing.queue.admissions"};

    private final ReactiveStringRedisTemplate redis;
    private final DependencyBreakers breakers;
    private final QueueFigures figures;
    private final MeterRegistry meters;
    private final RedisKeys prefix;
    private final Map<Long, QueueFigures.Room> latest = new ConcurrentHashMap<>();

    QueueMetrics(ReactiveStringRedisTemplate redis, DependencyBreakers breakers, QueueFigures figures, MeterRegistry meters, RedisKeys prefix) {
        this.prefix = prefix;
        this.redis = redis;
        this.breakers = breakers;
        this.figures = figures;
        this.meters = meters;
    }

    void admitted(long eventId, int count) {
        if (count > 0) {
            admissions(eventId).increment(count);
        }
    }

    private Counter admissions(long eventId) {
        return Counter.builder("ticketing.queue.admissions").description("Buyers admitted by this instance")
            .tag("event", Long.toString(eventId)).register(meters);
    }

    Mono<Void> refresh() {
        return breakers.redis(redis.opsForSet().members(QueueKeys.activeEvents(prefix)).map(line -> Room.parse(line).eventId()).collect(Collectors.toSet()))
            .flatMap(events -> {
                forget(events);
                return Flux.fromIterable(events)
                    .flatMap(eventId -> figures.read(eventId).doOnNext(stats -> record(eventId, stats)), 4)
                    .then();
            });
    }

    private void record(long eventId, QueueFigures.Room stats) {
        if (latest.put(eventId, stats) == null) {
            // At zero from the start, so that a rate over it exists before the first admission.
            admissions(eventId);
            Tags tags = Tags.of("event", Long.toString(eventId));
            Gauge.builder("ticketing.queue.waiting", latest, m -> value(m, eventId, QueueFigures.Room::waiting)).tags(tags)
                .description("Buyers waiting in line").register(meters);
            Gauge.builder("ticketing.queue.active", latest, m -> value(m, eventId, QueueFigures.Room::inside)).tags(tags)
                .description("Admitted buyers whose admission is still valid").register(meters);
            Gauge.builder("ticketing.queue.admitted", latest, m -> value(m, eventId, QueueFigures.Room::admissions)).tags(tags)
                .description("Buyers admitted since the line opened, by all instances").register(meters);
        }
    }

    private void forget(Set<Long> active) {
        for (Long eventId : latest.keySet()) {
            if (!active.contains(eventId)) {
                latest.remove(eventId);
                for (String name : PER_EVENT) {
                    meters.find(name).tag("event", eventId.toString()).meters().forEach(meters::remove);
                }
            }
        }
    }

    private static double value(Map<Long, QueueFigures.Room> latest, long eventId,
                                ToLongFunction<QueueFigures.Room> figure) {
        QueueFigures.Room stats = latest.get(eventId);
        return stats == null ? Double.NaN : figure.applyAsLong(stats);
    }

    @Override
    protected Duration period() {
        return REFRESH;
    }

    @Override
    protected Mono<?> runOnce() {
        return refresh();
    }
}
