package io.ticketing.console;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Samples of the events some console watches: one sample per event per interval on this instance,
 * shared by all of its consoles (as queue.stream.PositionFeed shares line reads), so a hundred
 * viewers cost the Redis and database queries of one. Rates are the growth of the totals from one
 * sample to the next, so they need no counter of their own anywhere.
 */
final class SampleFeed {

    private static final Logger log = LoggerFactory.getLogger(SampleFeed.class);
    private static final int MAX_EVENTS = 1_000;
    /** A console that reconnects at once finds the event's samples still running. */
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final LongFunction<Mono<Sample>> take;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Duration interval;
    private final Supplier<Mono<Void>> shutdown;
    private final Map<Long, Flux<ConsoleStats>> feeds = new ConcurrentHashMap<>();
    /** The newest sample of each event, and its stats; bounded, and an event nobody watches leaves. */
    private final Cache<Long, Latest> latest = Caffeine.newBuilder().maximumSize(MAX_EVENTS).expireAfterWrite(Duration.ofMinutes(10)).build();

    /**
     * @param take     reads one sample of an event; fails with the 404 of an unknown event
     * @param clock    the samples' moments, which the rates are measured between
     * @param shutdown completes when the instance shuts down: the samples stop
     */
    SampleFeed(LongFunction<Mono<Sample>> take, Clock clock, Scheduler scheduler, Duration interval, Supplier<Mono<Void>> shutdown) {
        this.take = take;
        this.clock = clock;
        this.scheduler = scheduler;
        this.interval = interval;
        this.shutdown = shutdown;
    }

    /** The newest stats of the event: the running sample's when it is fresh, else a sample taken now. */
    Mono<ConsoleStats> current(long eventId) {
        return newest(eventId, interval.plus(interval.dividedBy(2)));
    }

    /**
     * The newest stats when younger than {@code maxAge}, else a new sample's. The running feed asks
     * with half an interval, so that a sample a request just took is not taken again a moment later,
     * which would also measure rates over a few milliseconds.
     */
    private Mono<ConsoleStats> newest(long eventId, Duration maxAge) {
        return Mono.defer(() -> {
            Latest known = latest.getIfPresent(eventId);
            if (known != null && Duration.between(known.sample().at(), clock.instant()).compareTo(maxAge) < 0) {
                return Mono.just(known.stats());
            }
            return sample(eventId);
        });
    }

    /** The event's stats every interval, from the samples all of this instance's consoles of the event share. */
    Flux<ConsoleStats> watch(long eventId) {
        return feeds.computeIfAbsent(eventId, this::feed);
    }

    /** Whether this instance samples the event, for tests. */
    boolean samples(long eventId) {
        return feeds.containsKey(eventId);
    }

    private Flux<ConsoleStats> feed(long eventId) {
        AtomicReference<Flux<ConsoleStats>> self = new AtomicReference<>();
        Flux<ConsoleStats> reads = Flux.interval(Duration.ZERO, interval, scheduler)
            .onBackpressureDrop()
            .concatMap(tick -> newest(eventId, interval.dividedBy(2)).onErrorResume(e -> {
                log.warn("Sampling event {} for the console failed: {}", eventId, e.toString());
                return Mono.empty();
            }), 1)
            .takeUntilOther(shutdown.get())
            .doFinally(signal -> feeds.remove(eventId, self.get()))
            .publish()
            .refCount(1, GRACE, scheduler);
        // A slow console keeps the newest stats, never a queue of old ones.
        Flux<ConsoleStats> feed = reads.onBackpressureLatest();
        self.set(feed);
        return feed;
    }

    private Mono<ConsoleStats> sample(long eventId) {
        return take.apply(eventId).map(sample -> latest.asMap().compute(eventId, (id, before) -> {
            if (before != null && !sample.at().isAfter(before.sample().at())) {
                // Overtaken by a sample taken later that answered first: the later one stands.
                return before;
            }
            return new Latest(sample, ConsoleStats.of(sample, before == null ? null : before.sample()));
        }).stats());
    }

    private record Latest(Sample sample, ConsoleStats stats) {
    }
}
