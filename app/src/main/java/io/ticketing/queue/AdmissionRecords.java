package io.ticketing.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations;
import org.springframework.stereotype.Component;

import io.ticketing.redis.RedisKeys;
import io.ticketing.resilience.DependencyBreakers;

/**
 * The database's ledger of admissions ({@link AdmissionLedger}) kept beside Redis's admitted set:
 * what lets a Redis that forgets who is inside put them back (docs/operations.md, "When Redis
 * forgets") rather than let them in a second time, with a second pass, and a whole cap beside them.
 */
@Component
class AdmissionRecords {

    private static final Logger log = LoggerFactory.getLogger(AdmissionRecords.class);

    private final AdmissionLedger ledger;
    private final ReactiveStringRedisTemplate redis;
    private final DependencyBreakers breakers;
    private final QueueScripts scripts;
    private final RedisKeys prefix;
    private final Clock clock;
    private final Duration restoreWindow;

    AdmissionRecords(AdmissionLedger ledger, ReactiveStringRedisTemplate redis, DependencyBreakers breakers, QueueScripts scripts, RedisKeys prefix,
                     Clock clock, QueueProperties properties) {
        this.restoreWindow = properties.restoreWindow();
        this.ledger = ledger;
        this.redis = redis;
        this.breakers = breakers;
        this.scripts = scripts;
        this.prefix = prefix;
        this.clock = clock;
    }

    /**
     * Records admissions Redis just made, until {@code until}, before anyone hears of them, and
     * answers when each ends: a buyer whose earlier admission is still running keeps it, and so the
     * very pass they hold, and Redis's admitted set is told so. Without the database the admissions
     * stand as Redis made them, unrecorded: the line keeps moving through a database outage, and only a
     * loss of Redis during it could let one of those buyers in twice.
     */
    Mono<Map<Long, Instant>> record(Room room, Instant until, List<AdmissionLedger.Admitted> admitted) {
        List<Long> users = admitted.stream().map(AdmissionLedger.Admitted::userId).toList();
        Mono<List<AdmissionLedger.Admission>> recorded = ledger.record(room, admitted, clock.instant(), until)
            .thenMany(ledger.find(room, users))
            .collectList();
        return breakers.database(recorded)
            .flatMap(admissions -> {
                List<ZSetOperations.TypedTuple<String>> kept = admissions.stream()
                    .filter(admission -> !admission.expiresAt().equals(until))
                    .map(admission -> ZSetOperations.TypedTuple.of(Long.toString(admission.userId()), (double) admission.expiresAt().toEpochMilli()))
                    .toList();
                Map<Long, Instant> ends = admissions.stream().collect(Collectors.toMap(AdmissionLedger.Admission::userId, AdmissionLedger.Admission::expiresAt));
                return kept.isEmpty() ? Mono.just(ends)
                    : breakers.redis(redis.opsForZSet().addAll(new QueueKeys(prefix, room).admitted(), kept)).thenReturn(ends);
            })
            .onErrorResume(e -> {
                log.warn("Could not record {} admissions to line {} of event {} in the ledger; they stand as Redis made them: {}", users.size(),
                    room.lane(), room.eventId(), e.toString());
                return Mono.just(users.stream().collect(Collectors.toMap(Function.identity(), user -> until)));
            });
    }

    /**
     * Puts the admissions still running back into Redis's admitted set, and marks the room rebuilt
     * (rebuild-admitted.lua). A room that admitted anyone before was forgotten mid-sale: admissions
     * then wait {@code restore-window}, while the waiters Redis forgot come back.
     */
    Mono<Long> rebuild(Room room) {
        return breakers.database(Mono.zip(ledger.running(room, clock.instant()).collectList(), ledger.any(room)))
            .flatMap(t -> {
                List<AdmissionLedger.Admission> running = t.getT1();
                List<String> args = new ArrayList<>(running.size() * 2 + 1);
                args.add(Long.toString(t.getT2() ? restoreWindow.toMillis() : 0));
                running.forEach(admission -> {
                    args.add(Long.toString(admission.userId()));
                    args.add(Long.toString(admission.expiresAt().toEpochMilli()));
                });
                return breakers.redis(redis.execute(scripts.rebuildAdmitted, new QueueKeys(prefix, room).forRebuild(), args).next());
            })
            .doOnNext(put -> {
                log.info("Rebuilt line {} of event {} in Redis: {} running admissions put back from the ledger", room.lane(), room.eventId(), put);
            });
    }

    /** The user's admission from {@code room} as the ledger has it, ended or not. */
    Mono<Optional<AdmissionLedger.Admission>> find(Room room, long userId) {
        return breakers.database(ledger.find(room, List.of(userId)).next().map(Optional::of).defaultIfEmpty(Optional.empty()));
    }

    /**
     * Tells the ledger the user left their admission: with {@code endPass} (they left, or bought their
     * whole share) it ended; else (they bought part of it) its slot is free and its pass goes on.
     * Best effort: an admission left running only counts its buyer inside, should Redis forget,
     * until it would have ended.
     */
    Mono<Void> left(Room room, long userId, boolean endPass) {
        Instant now = clock.instant();
        return breakers.database(endPass ? ledger.end(room, userId, now) : ledger.release(room, userId, now))
            .onErrorResume(e -> {
                log.warn("Could not record that user {} left their admission to line {} of event {} in the ledger: {}", userId, room.lane(),
                    room.eventId(), e.toString());
                return Mono.empty();
            })
            .then();
    }
}
