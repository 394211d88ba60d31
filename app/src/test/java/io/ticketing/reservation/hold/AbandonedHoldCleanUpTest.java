package io.ticketing.reservation.hold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.ReactiveTransactionManager;

import io.ticketing.event.EventCatalog;
import io.ticketing.reservation.ReservationTestSupport;
import io.ticketing.resilience.DependencyBreakers;

/**
 * Undoing a hold whose caller left while its batch committed is clean-up after the commit: when it
 * fails, the holds the batch committed are still answered as held. Here it fails for real, as the
 * deadlock victim of another connection, and a pipeline of two-hold batches makes the batch exact.
 */
class AbandonedHoldCleanUpTest extends ReservationTestSupport {

    @Autowired
    HoldRepository reservations;
    @Autowired
    BatchHolds batchHolds;
    @Autowired
    SingleHold singleHold;
    @Autowired
    FreeSeatHint hint;
    @Autowired
    ReactiveTransactionManager transactions;
    @Autowired
    EventCatalog catalog;
    @Autowired
    MeterRegistry meters;
    @Autowired
    DependencyBreakers breakers;
    @Autowired
    ConnectionFactory connections;

    HoldPipeline pipeline;
    boolean drained;
    Connection seatLock;
    Connection shareLock;

    @BeforeEach
    void twoHoldBatches() {
        pipeline = new HoldPipeline(reservations, batchHolds, singleHold, hint, transactions, catalog,
            new HoldSettings(4, Duration.ofMinutes(5), 2, Duration.ofSeconds(30), 16), clock, meters, breakers);
        seatLock = readCommitted();
        shareLock = readCommitted();
    }

    @AfterEach
    void close() {
        for (Connection connection : List.of(seatLock, shareLock)) {
            Mono.from(connection.rollbackTransaction()).onErrorResume(e -> Mono.empty()).then(Mono.from(connection.close())).block();
        }
        drain();
    }

    /** Waits for the batches to finish, clean-up included. */
    private void drain() {
        if (!drained) {
            drained = true;
            pipeline.destroy();
        }
    }

    @Test
    void anAbandonedHoldIsKeptForItsRetryInTheSameBatch() {
        long event = newEvent(1, 4);
        Buyer buyer = buyer();
        // Two best-available holds with one key: the batch's one INSERT fails on the key, and hold by
        // hold the first waits here for a seat while its caller leaves.
        Mono.from(seatLock.beginTransaction()).block();
        run(seatLock, "SELECT id FROM seat WHERE event_id = " + event + " FOR UPDATE").block();
        long seatLocker = thread(seatLock);

        Disposable gone = pipeline.submit(bestAvailable(buyer, event, "twice")).subscribe();
        CompletableFuture<HoldOutcome> answer = pipeline.submit(bestAvailable(buyer, event, "twice")).toFuture();
        await().atMost(Duration.ofSeconds(10)).until(() -> waitsBlockedBy(seatLocker) > 0);
        gone.dispose();
        Mono.from(seatLock.rollbackTransaction()).block();

        assertThat(answer).succeedsWithin(Duration.ofSeconds(10)).isInstanceOf(HoldOutcome.Duplicate.class);
        drain();
        assertThat(count("SELECT COUNT(*) FROM reservation WHERE user_id = :id AND status = 'HELD'", buyer.id())).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM seat WHERE event_id = :id AND status = 'HELD'", event)).isEqualTo(1);
    }

    @Test
    void holdsOfACommittedBatchAreAnsweredHeldWhenUndoingAnAbandonedOneFails() {
        long event = newEvent(1, 4);
        long scratch = newEvent(10, 10);
        Buyer leaver = buyer();
        Buyer stayer = buyer();
        List<Long> seats = seatIds(event);
        long left = seats.get(0);
        long stays = seats.get(1);
        // The batch waits for this seat, after it has taken both buyers' shares.
        Mono.from(seatLock.beginTransaction()).block();
        run(seatLock, "SELECT id FROM seat WHERE id = " + stays + " FOR UPDATE").block();
        long seatLocker = thread(seatLock);

        Disposable gone = pipeline.submit(hold(leaver, event, left, unique("key"))).subscribe();
        CompletableFuture<HoldOutcome> answer = pipeline.submit(hold(stayer, event, stays, unique("key"))).toFuture();
        await().atMost(Duration.ofSeconds(10)).until(() -> waitsBlockedBy(seatLocker) > 0);
        gone.dispose();

        // Weighty with a hundred changed rows, so that the deadlock below rolls back the clean-up, not this.
        Mono.from(shareLock.beginTransaction()).block();
        run(shareLock, "UPDATE seat SET row_no = row_no + 1000 WHERE event_id = " + scratch).block();
        long shareLocker = thread(shareLock);
        CompletableFuture<Void> shareLocked = run(shareLock,
            "SELECT seats FROM buyer_share WHERE event_id = " + event + " AND user_id = " + leaver.id() + " FOR UPDATE").toFuture();
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting(shareLocker));

        // The batch commits, the share lock goes to shareLock, and the clean-up, holding the leaver's seat, waits for it.
        Mono.from(seatLock.rollbackTransaction()).block();
        shareLocked.join();
        await().atMost(Duration.ofSeconds(10)).until(() -> waitsBlockedBy(shareLocker) > 0);
        run(shareLock, "SELECT id FROM seat WHERE id = " + left + " FOR UPDATE").block();
        Mono.from(shareLock.rollbackTransaction()).block();

        assertThat(answer).succeedsWithin(Duration.ofSeconds(10)).isInstanceOf(HoldOutcome.Held.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> seatStatus(left), "AVAILABLE"::equals);
        assertThat(count("SELECT COUNT(*) FROM reservation WHERE user_id = :id", leaver.id())).as("the abandoned hold undone on retry").isZero();
    }

    private static HoldRequest hold(Buyer buyer, long event, long seat, String key) {
        return new HoldRequest(buyer.id(), event, SeatPool.PUBLIC, List.of(seat), 0, key, "hash", new HoldReply());
    }

    /** As the service's transactions read, so that a write here waits only for the rows it changes. */
    private Connection readCommitted() {
        Connection connection = Mono.from(connections.create()).block();
        run(connection, "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED").block();
        return connection;
    }

    private static HoldRequest bestAvailable(Buyer buyer, long event, String key) {
        return new HoldRequest(buyer.id(), event, SeatPool.PUBLIC, null, 1, key, "hash", new HoldReply());
    }

    private static Mono<Void> run(Connection connection, String sql) {
        return Flux.from(connection.createStatement(sql).execute()).flatMap(result -> result.flatMap(segment -> Mono.empty())).then();
    }

    private static long thread(Connection connection) {
        return Flux.from(connection.createStatement("SELECT CONNECTION_ID()").execute())
            .flatMap(result -> result.map((row, meta) -> row.get(0, Long.class))).blockFirst();
    }

    /** Lock waits for the transaction of the database session {@code thread}. */
    private long waitsBlockedBy(long thread) {
        return count("""
            SELECT COUNT(*) FROM information_schema.INNODB_LOCK_WAITS w JOIN information_schema.INNODB_TRX t ON t.trx_id = w.blocking_trx_id
            WHERE t.trx_mysql_thread_id = :id""", thread);
    }

    private boolean waiting(long thread) {
        return count("SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT' AND trx_mysql_thread_id = :id", thread) > 0;
    }
}

