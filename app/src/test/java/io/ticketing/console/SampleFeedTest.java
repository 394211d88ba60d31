package io.ticketing.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

import io.ticketing.TestClock;
import io.ticketing.queue.QueueFigures;

/** The console's samples on a virtual clock: one read per event per second, however many consoles watch. */
class SampleFeedTest {

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final Clock clock = new TestClock(() -> time.now(TimeUnit.MILLISECONDS));
    private final AtomicInteger reads = new AtomicInteger();
    /** Five entries more at every read. */
    private final SampleFeed feed = new SampleFeed(eventId -> Mono.fromSupplier(() -> sample(eventId, 5L * reads.incrementAndGet())), clock, time,
        Duration.ofSeconds(1), Mono::never);
    private final List<Disposable> consoles = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        consoles.forEach(Disposable::dispose);
        time.dispose();
    }

    private Sample sample(long eventId, long entries) {
        QueueFigures.Room room = new QueueFigures.Room(0, 0, 0, 0, entries, 0, 0, 0, Map.of(),
            new QueueFigures.Settings(50, 500, false, "RANDOM_AT_OPEN", "RANDOM_AT_OPEN", null, 0));
        return new Sample(eventId, clock.instant(), room, null, null, null, null);
    }

    @Test
    void consolesOfOneEventShareOneReadASecond() {
        consoles.add(feed.watch(1).subscribe());
        consoles.add(feed.watch(1).subscribe());

        time.advanceTimeBy(Duration.ofSeconds(3));

        assertThat(reads).hasValue(4);
    }

    @Test
    void ratesAreTheGrowthOfTheTotalsBetweenTwoSamples() {
        List<ConsoleStats> seen = new CopyOnWriteArrayList<>();
        consoles.add(feed.watch(1).subscribe(seen::add));

        time.advanceTimeBy(Duration.ofSeconds(1));

        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).rates()).as("one sample has no rate yet").isNull();
        assertThat(seen.get(1).rates().entriesPerSecond()).isEqualTo(5.0);
    }

    @Test
    void aFreshSampleIsAnsweredWithoutAnotherRead() {
        consoles.add(feed.watch(1).subscribe());

        ConsoleStats current = feed.current(1).block();

        assertThat(reads).hasValue(1);
        assertThat(current.totals().entries()).isEqualTo(5);
    }

    @Test
    void theReadsStopOnceTheLastConsoleLeftForTheGracePeriod() {
        feed.watch(1).subscribe().dispose();
        time.advanceTimeBy(Duration.ofSeconds(6));
        int read = reads.get();

        time.advanceTimeBy(Duration.ofSeconds(10));

        assertThat(feed.samples(1)).isFalse();
        assertThat(reads).hasValue(read);
    }
}
