package io.ticketing.queue;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.UnaryOperator;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.ticketing.event.EventCatalog;
import io.ticketing.redis.RedisKeys;
import io.ticketing.resilience.DependencyBreakers;

/**
 * An event's waiting-room settings: the database holds them, and every change is one transaction
 * that locks the event's settings row, writes the new settings with the next version and logs who changed
 * what from what to what. Then the settings are copied into the event's config hash in Redis, where
 * every instance's entries and admission ticks read them at once; the copy carries the version, so
 * copies written out of order never leave an older change in force (settings.lua).
 */
@Service
class QueueSettingsStore {

    private final QueueSettingsRepository settings;
    private final TransactionalOperator transaction;
    private final ReactiveStringRedisTemplate redis;
    private final DependencyBreakers breakers;
    private final QueueScripts scripts;
    private final EventCatalog catalog;
    private final QueueProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final RedisKeys prefix;

    QueueSettingsStore(QueueSettingsRepository settings, ReactiveTransactionManager transactions, ReactiveStringRedisTemplate redis,
                       DependencyBreakers breakers, QueueScripts scripts, EventCatalog catalog, QueueProperties properties, JsonMapper json,
                       Clock clock, RedisKeys prefix) {
        this.settings = settings;
        this.transaction = TransactionalOperator.create(transactions);
        this.redis = redis;
        this.breakers = breakers;
        this.scripts = scripts;
        this.catalog = catalog;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.prefix = prefix;
    }

    /** The event's settings, its defaults when nobody changed them. */
    Mono<QueueSettings> current(long eventId) {
        return stored(eventId).map(QueueSettingsRepository.Versioned::settings);
    }

    /** The event's settings as stored, with their schedule; the defaults, as version 0, when nobody changed them. */
    private Mono<QueueSettingsRepository.Versioned> stored(long eventId) {
        return breakers.database(scheduled(eventId, settings.find(eventId))
            .defaultIfEmpty(new QueueSettingsRepository.Versioned(QueueSettings.defaults(properties), 0)));
    }

    /** {@code row}, the event's settings without their schedule, with it. */
    private Mono<QueueSettingsRepository.Versioned> scheduled(long eventId, Mono<QueueSettingsRepository.Versioned> row) {
        return row.zipWith(settings.schedule(eventId).collectList(),
            (found, windows) -> new QueueSettingsRepository.Versioned(found.settings().withSchedule(windows), found.version()));
    }

    /**
     * Applies {@code change} to the event's settings on behalf of {@code adminId} and answers the
     * result. A change that changes nothing is neither written nor logged.
     *
     * @throws org.springframework.web.ErrorResponseException 404 for an unknown event; 503 when the
     *         settings were saved but Redis did not take the copy (the next change copies them again)
     */
    Mono<QueueSettings> change(long eventId, long adminId, UnaryOperator<QueueSettings> change) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return catalog.sale(eventId)
            .then(breakers.database(transaction.transactional(settings.insertIfAbsent(eventId, QueueSettings.defaults(properties), now)
                .then(scheduled(eventId, settings.lock(eventId)))
                .flatMap(before -> {
                    QueueSettings after = change.apply(before.settings());
                    if (after.equals(before.settings())) {
                        return Mono.just(before);
                    }
                    long version = before.version() + 1;
                    Mono<Void> schedule = after.schedule().equals(before.settings().schedule()) ? Mono.empty()
                        : settings.replaceSchedule(eventId, after.schedule());
                    return settings.update(eventId, after, version, now)
                        .then(schedule)
                        .then(settings.logChange(eventId, adminId, now, json.writeValueAsString(before.settings()), json.writeValueAsString(after)))
                        .thenReturn(new QueueSettingsRepository.Versioned(after, version));
                }))))
            .flatMap(saved -> copy(eventId, saved).thenReturn(saved.settings()));
    }

    /**
     * Copies the event's settings from the database into Redis again, for a Redis that forgot them
     * (a failover to a replica behind, a restart without persistence): a paused sale stays paused, a
     * closed line closed. An event nobody changed gets its defaults, as version 0.
     */
    Mono<Void> restore(long eventId) {
        return stored(eventId).flatMap(saved -> copy(eventId, saved));
    }

    /** The event's newest {@code limit} changes, newest first. */
    Flux<SettingsChange> changes(long eventId, int limit) {
        return breakers.database(settings.changes(eventId, limit).collectList())
            .flatMapIterable(list -> list)
            .map(logged -> new SettingsChange(logged.id(), logged.changedBy(), logged.changedByEmail(), logged.changedAt(),
                json.readValue(logged.before(), QueueSettings.class), json.readValue(logged.after(), QueueSettings.class)));
    }

    /** Copies saved settings into the event's config hash, unless a newer copy is there. */
    private Mono<Void> copy(long eventId, QueueSettingsRepository.Versioned saved) {
        QueueSettings s = saved.settings();
        return breakers.redis(redis.execute(scripts.settings, List.of(new QueueKeys(prefix, eventId).config()), List.of(
                Long.toString(saved.version()), Integer.toString(s.admissionRatePerSecond()), Integer.toString(s.maxActive()), s.paused() ? "1" : "0",
                s.mode().name(), Integer.toString(s.challengeBits()), s.message() == null ? "" : s.message(), s.scheduleField())).next())
            .then();
    }

    /** One logged change: who made it, when, and the settings before and after it. */
    record SettingsChange(long id, long changedBy, String changedByEmail, Instant changedAt, QueueSettings before, QueueSettings after) {
    }
}
