package io.ticketing.reservation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.client.WebClient;

import io.ticketing.TestBuyers;
import io.ticketing.bench.Bench;
import io.ticketing.queue.AdmissionPasses;
import io.ticketing.queue.PassesForTests;

/**
 * Holds per second for one hot event (100,000 seats, 256 concurrent clients), side by side:
 * the group-commit pipeline through the HTTP API, and a naive path (one transaction per hold,
 * same conditional updates) straight against the same database. Then the pipeline at half its
 * peak rate for its latency, and the invariant check.
 *
 * <pre>bench/run holds [-Dbench.seconds=15 -Dbench.clients=256 -Dbench.warmup=30]</pre>
 */
public final class HoldBenchmark {

    private static final int SEATS = 100_000;
    private static final int USERS = 20_000;

    /** The naive path gets the same free-seat hint as the pipeline, so only the commit strategy differs. */
    private static final FreeSeatHint naiveHint = new FreeSeatHint();

    private HoldBenchmark() {
    }

    public static void main(String[] args) {
        int seconds = Bench.intProperty("bench.seconds", 15);
        int clients = Bench.intProperty("bench.clients", 256);
        int warmup = Bench.intProperty("bench.warmup", 30);
        Bench.header("Seat holds: one hot event of " + SEATS + " seats, " + clients + " concurrent clients",
            "bench/run holds -Dbench.seconds=" + seconds + " -Dbench.clients=" + clients
                + " -Dbench.warmup=" + warmup);

        ConfigurableApplicationContext service = Bench.startService(Bench.BENCH_SERVICE);
        try {
            DatabaseClient db = service.getBean(DatabaseClient.class);
            clearHolds(db);
            WebClient client = Bench.client(service, clients + 64);
            String admin = Bench.accessToken(service, 1, "ADMIN");
            long[] users = TestBuyers.seed(db, "holdbench", USERS);
            String[] tokens = new String[users.length];
            for (int i = 0; i < users.length; i++) {
                tokens[i] = Bench.accessToken(service, users[i], "USER");
            }
            AdmissionPasses passes = service.getBean(AdmissionPasses.class);
            ReservationRepository repository = service.getBean(ReservationRepository.class);
            TransactionalOperator naiveTx = TransactionalOperator.create(service.getBean(ReactiveTransactionManager.class));
            AtomicLong next = new AtomicLong();

            long warmEvent = event(client, admin, "Holds warm-up");
            Bench.warmUp(Duration.ofSeconds(warmup), clients, viaApi(client, passes, users, tokens, warmEvent, next));

            Bench.Result.printHeader();
            long pipelineEvent = event(client, admin, "Holds pipeline");
            Bench.Result pipeline = Bench.run("pipeline via HTTP", Duration.ofSeconds(seconds), clients,
                viaApi(client, passes, users, tokens, pipelineEvent, next));
            pipeline.print();
            Bench.printErrors();
            batches(service);

            long naiveEvent = event(client, admin, "Holds naive");
            // A thread-per-request service gets no more concurrency than its connection pool.
            int naiveClients = Math.min(clients, service.getEnvironment().getProperty("spring.r2dbc.pool.max-size", Integer.class, 20));
            Bench.Result naive = Bench.run("naive, 1 tx per hold (c=" + naiveClients + ")", Duration.ofSeconds(seconds), naiveClients,
                () -> naiveHold(repository, naiveTx, users, naiveEvent, next));
            naive.print();
            Bench.printErrors();

            double peak = pipeline.okPerSecond();
            int half = (int) Math.max(1, peak / 2);
            long halfEvent = event(client, admin, "Holds half peak");
            Supplier<Mono<Integer>> call = viaApi(client, passes, users, tokens, halfEvent, next);
            Bench.arrive("pipeline at half peak (" + half + "/s)", half * seconds, Duration.ofSeconds(seconds), i -> call.get()).print();
            Bench.printErrors();

            System.out.printf("%nholds committed per second, pipeline / naive: %.0f / %.0f = %.1fx%n", pipeline.okPerSecond(), naive.okPerSecond(),
                pipeline.okPerSecond() / Math.max(1, naive.okPerSecond()));
            Invariants.check(db, List.of(pipelineEvent, naiveEvent, halfEvent)).print();
        }
        finally {
            service.close();
        }
        System.exit(0);
    }

    private static void batches(ConfigurableApplicationContext service) {
        var registry = service.getBean(io.micrometer.core.instrument.MeterRegistry.class);
        var sizes = registry.get("ticketing.holds.batch.size").summary();
        System.out.printf("  batches so far: %d, mean %.1f holds, max %.0f; replayed hold by hold: %.0f%n", sizes.count(), sizes.mean(),
            sizes.max(), registry.get("ticketing.holds.batch.replays").counter().count());
    }

    private static Supplier<Mono<Integer>> viaApi(WebClient client, AdmissionPasses passes, long[] users, String[] tokens, long event, AtomicLong next) {
        return () -> {
            int i = (int) (next.getAndIncrement() % users.length);
            String pass = PassesForTests.pass(passes, users[i], event, Instant.now().plus(Duration.ofHours(1)));
            return client.post().uri("/api/v1/events/{id}/reservations", event)
                .headers(h -> {
                    h.setBearerAuth(tokens[i]);
                    h.set("Admission-Pass", pass);
                    h.set("Idempotency-Key", UUID.randomUUID().toString());
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("quantity", 2))
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()));
        };
    }

    /** What the pipeline replaces: every hold its own transaction, racing the others for the same first free seats. */
    private static Mono<Integer> naiveHold(ReservationRepository repository, TransactionalOperator tx, long[] users, long event, AtomicLong next) {
        int i = (int) (next.getAndIncrement() % users.length);
        HoldRequest hold = new HoldRequest(users[i], event, null, 2, UUID.randomUUID().toString(), "naive", null);
        Instant now = Instant.now();
        Mono<Integer> attempt = tx.transactional(repository.insertHeld(hold, now.plus(Duration.ofMinutes(5)), now)
            .flatMap(id -> repository.available(event, naiveHint.from(event), 64).collectList()
                .doOnNext(free -> {
                    if (!free.isEmpty()) {
                        naiveHint.advance(event, free.get(0).id());
                    }
                })
                .map(candidates -> BestAvailable.pick(candidates, 2))
                .flatMap(seats -> seats.isEmpty()
                    ? Mono.error(new IllegalStateException("sold out"))
                    : repository.holdSeats(event, seats, id).flatMap(taken -> taken == seats.size()
                        ? repository.recordSeats(id, seats).thenReturn(201)
                        : Mono.error(new IllegalStateException("lost a race"))))));
        // A lost race rolls back and tries again, as a careful naive client would.
        return attempt.retry(3).onErrorReturn(409);
    }

    private static long event(WebClient client, String admin, String name) {
        return Bench.saleEvent(client, admin, name, 100, SEATS / 100);
    }

    /**
     * Holds left by an earlier run would expire during this one and keep the expiry sweep busy
     * beside the measurement; the benchmark's database starts each run without any.
     */
    private static void clearHolds(DatabaseClient db) {
        db.sql("UPDATE seat SET status = 'AVAILABLE', reservation_id = NULL WHERE reservation_id IS NOT NULL").then()
            .then(db.sql("DELETE FROM reservation_seat").then())
            .then(db.sql("DELETE FROM reservation").then())
            .block();
    }

}
