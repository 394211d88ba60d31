package io.ticketing.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import io.ticketing.web.Problems;

/**
 * What the catalog keeps in memory, with the reads of the detail and the eviction in Redis held
 * by the test, so that every interleaving is one the test chose. The TTL is long: anything kept
 * wrongly would still be there when the test asks again.
 */
class EventCatalogTest {

    private static final long EVENT = 7;
    private static final Duration VERIFY = Duration.ofSeconds(5);

    /** What a read of the detail finds purchasable now. */
    private volatile int purchasable = 10;
    private final AtomicInteger reads = new AtomicInteger();
    /** Completes the Redis eviction of the change in progress. */
    private final Sinks.Empty<Void> redisForgets = Sinks.empty();

    @Test
    void aSaleReadWhileRedisStillHeldTheOldDetailIsNotKeptOnceTheChangeIsAnnounced() {
        EventCatalog catalog = new EventCatalog(this::currentDetail, id -> redisForgets.asMono(), Duration.ofMinutes(1));

        CompletableFuture<Void> announced = catalog.seatsChanged(EVENT).toFuture();
        // Redis has not forgotten the old detail yet: a read now still gets it.
        assertThat(catalog.sale(EVENT).block(VERIFY).purchasable()).isEqualTo(10);
        // Redis forgets it; from now on a read gets the new counts.
        purchasable = 6;
        redisForgets.tryEmitEmpty();
        assertThat(announced).succeedsWithin(VERIFY);

        assertThat(catalog.sale(EVENT).block(VERIFY).purchasable()).isEqualTo(6);
    }

    @Test
    void aSaleReadInFlightWhenTheChangeIsAnnouncedIsNotKept() {
        List<Sinks.One<EventDetail>> pending = new CopyOnWriteArrayList<>();
        EventCatalog catalog = new EventCatalog(id -> {
            Sinks.One<EventDetail> read = Sinks.one();
            pending.add(read);
            return read.asMono();
        }, id -> Mono.empty(), Duration.ofMinutes(1));

        CompletableFuture<EventCatalog.Sale> before = catalog.sale(EVENT).toFuture();
        catalog.seatsChanged(EVENT).block(VERIFY);
        pending.get(0).tryEmitValue(detail(10));
        assertThat(before).succeedsWithin(VERIFY).extracting(EventCatalog.Sale::purchasable).isEqualTo(10);

        CompletableFuture<EventCatalog.Sale> after = catalog.sale(EVENT).toFuture();
        assertThat(pending).as("read again").hasSize(2);
        pending.get(1).tryEmitValue(detail(6));
        assertThat(after).succeedsWithin(VERIFY).extracting(EventCatalog.Sale::purchasable).isEqualTo(6);
    }

    @Test
    void callersShareOneReadUntilTheSeatsChange() {
        EventCatalog catalog = new EventCatalog(this::currentDetail, id -> Mono.empty(), Duration.ofMinutes(1));

        catalog.sale(EVENT).block(VERIFY);
        catalog.sale(EVENT).block(VERIFY);
        assertThat(reads).hasValue(1);

        catalog.seatsChanged(EVENT).block(VERIFY);
        catalog.sale(EVENT).block(VERIFY);
        assertThat(reads).hasValue(2);
    }

    @Test
    void anUnknownEventLeavesNothingBehind() {
        EventCatalog catalog = new EventCatalog(id -> Mono.error(() -> Problems.notFound("Event " + id + " does not exist")), id -> Mono.empty(),
            Duration.ofMinutes(1));

        StepVerifier.create(catalog.sale(EVENT)).expectError().verify(VERIFY);
        StepVerifier.create(catalog.window(EVENT)).expectError().verify(VERIFY);

        await().atMost(VERIFY).until(() -> !catalog.remembers(EVENT));
    }

    private Mono<EventDetail> currentDetail(long id) {
        return Mono.fromSupplier(() -> {
            reads.incrementAndGet();
            return detail(purchasable);
        });
    }

    private static EventDetail detail(int available) {
        Instant now = Instant.now();
        return new EventDetail(EVENT, "Show", "Arena", now.plus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(29)),
            List.of(), 10, available, 0, 10 - available, 4, 4);
    }
}
