package io.ticketing.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import io.ticketing.resilience.DependencyBreakers;
import io.ticketing.config.PeriodicTask;
import io.ticketing.redis.RedisKeys;

/**
 * Runs admission ticks on every instance. There is no leader to elect or lose: each tick is one
 * atomic script against a token bucket kept in Redis, so N instances ticking together still admit
 * at the configured rate, and the line keeps moving as long as any one of them is alive.
 */
@Component
class AdmissionTicker extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(AdmissionTicker.class);
    /** admit.lua's first answer: it ticked, or Redis lacked the settings' copy, or the mark that admissions were rebuilt. */
    private static final long TICKED = 1;
    private static final long NO_SETTINGS = 0;
    private static final long NOT_REBUILT = 2;
    private final ReactiveStringRedisTemplate redis;
    private final DependencyBreakers breakers;
    private final QueueScripts scripts;
    private final WaitingRoom room;
    private final RoomSales sales;
    private final QueueProperties properties;
    private final Clock clock;
    private final QueueMetrics metrics;
    private final AdmissionChannel channel;
    private final RedisKeys prefix;
    private final QueueSettingsStore settings;
    private final AdmissionRecords records;

    AdmissionTicker(ReactiveStringRedisTemplate redis, DependencyBreakers breakers, QueueScripts scripts, WaitingRoom room, RoomSales sales,
                    QueueProperties properties, Clock clock, QueueMetrics metrics, AdmissionChannel channel, RedisKeys prefix,
                    QueueSettingsStore settings, AdmissionRecords records) {
        this.records = records;
        this.settings = settings;
        this.prefix = prefix;
        this.metrics = metrics;
        this.channel = channel;
        this.breakers = breakers;
        this.redis = redis;
        this.scripts = scripts;
        this.room = room;
        this.sales = sales;
        this.properties = properties;
        this.clock = clock;
    }

    /** One tick for every line with waiters (public and presale lanes'); a failing one is logged and does not stop the others. */
    Mono<Void> tickAll() {
        return breakers.redis(redis.opsForSet().members(QueueKeys.activeEvents(prefix)).collectList())
            .flatMapIterable(lines -> lines)
            .map(Room::parse)
            .flatMap(line -> tick(line)
                // An event or lane that no longer exists has no line to tick.
                .onErrorResume(e -> e instanceof ErrorResponseException r && r.getStatusCode().value() == 404,
                    e -> redis.opsForSet().remove(QueueKeys.activeEvents(prefix), line.member()).thenReturn(List.of()))
                .onErrorResume(e -> {
                    log.warn("Admission tick for line {} failed: {}", line.member(), e.toString());
                    return Mono.empty();
                }))
            .then();
    }

    /** Admits whoever the rate, the cap and the remaining seats allow in the event's public line; answers the admitted user ids. */
    Mono<List<String>> tick(long eventId) {
        return tick(Room.publicLine(eventId));
    }

    /** Admits whoever the rate, the cap and the line's remaining seats allow; answers the admitted user ids. */
    Mono<List<String>> tick(Room line) {
        long eventId = line.eventId();
        return sales.sale(line)
            .flatMap(sale -> {
                if (sale.closedAt(clock.instant())) {
                    return redis.opsForSet().remove(QueueKeys.activeEvents(prefix), line.member()).thenReturn(List.<String>of());
                }
                // Whether sales have opened, and so whether the line is drawn and anyone admitted, is Redis's clock's to say.
                Mono<List> admit = Mono.defer(() -> redis.execute(scripts.admit, new QueueKeys(prefix, line).forAdmit(), List.of(
                        Integer.toString(sale.purchasable()),
                        Long.toString(properties.abandonAfter().toMillis()),
                        Long.toString(properties.passTtl().toMillis()),
                        Integer.toString(properties.admissionRatePerSecond()),
                        Integer.toString(properties.maxActive()),
                        Integer.toString(properties.maxScanPerTick()),
                        Long.toString(sale.closesAt().toEpochMilli()),
                        Long.toString(properties.keepAfterEnd().toMillis()),
                        Long.toString(sale.opensAt().toEpochMilli()),
                        line.isLane() ? "1" : "0"))
                    .next());
                return breakers.redis(room.open(line, sale.opensAt()).then(admit))
                    // Redis forgot the settings: copied back from the database, then the tick runs on them.
                    .flatMap(reply -> answer(reply) != NO_SETTINGS ? Mono.just(reply) : settings.restore(eventId).then(breakers.redis(admit)))
                    // Redis forgot who is inside: put back from the ledger, then the tick counts them.
                    .flatMap(reply -> answer(reply) != NOT_REBUILT ? Mono.just(reply) : records.rebuild(line).then(breakers.redis(admit)))
                    .flatMap(reply -> recorded(line, reply))
                    .doOnNext(admitted -> metrics.admitted(eventId, admitted.size()))
                    .flatMap(admitted -> admitted.isEmpty() ? Mono.just(admitted) : channel.publish(line, admitted).thenReturn(admitted));
            });
    }

    /** admit.lua's first answer: whether it ticked, or what Redis lacked for it to tick. */
    private static long answer(List<?> reply) {
        return ((Number) reply.get(0)).longValue();
    }

    /**
     * Who admit.lua admitted, once the ledger has them (before anyone hears of it): nobody when it did
     * not tick. {1, until, user, ticket, user, ticket...}.
     */
    private Mono<List<String>> recorded(Room line, List<?> reply) {
        if (answer(reply) != TICKED || reply.size() < 4) {
            return Mono.just(List.of());
        }
        Instant until = Instant.ofEpochMilli(Long.parseLong(reply.get(1).toString()));
        List<AdmissionLedger.Admitted> admitted = new ArrayList<>();
        for (int i = 2; i + 1 < reply.size(); i += 2) {
            admitted.add(new AdmissionLedger.Admitted(Long.parseLong(reply.get(i).toString()), ((Number) reply.get(i + 1)).longValue()));
        }
        return records.record(line, until, admitted)
            .thenReturn(admitted.stream().map(a -> Long.toString(a.userId())).toList());
    }

    @Override
    protected Duration period() {
        return properties.tickInterval();
    }

    @Override
    protected Mono<?> runOnce() {
        return tickAll();
    }
}
