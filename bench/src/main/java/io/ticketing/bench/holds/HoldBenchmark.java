package io.ticketing.bench.holds;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;

import io.ticketing.bench.Backends;
import io.ticketing.bench.Bench;
import io.ticketing.bench.CpuMeter;
import io.ticketing.bench.Measured;
import io.ticketing.bench.ServiceProcess;
import io.ticketing.testsupport.Invariants;
import io.ticketing.testsupport.TestBuyers;

/**
 * Holds through the HTTP API on one hot event (100,000 seats, 256 concurrent clients), for this
 * service and then for the design it replaced (one transaction per hold behind the event row's
 * lock, {@link ReplacedDesign}), each started in a process of its own, warmed up and measured the
 * same way in the same run, one after the other; then the invariants of each.
 *
 * <pre>bench/run holds [-Dbench.seconds=15 -Dbench.clients=256 -Dbench.warmup=30]</pre>
 */
public final class HoldBenchmark {

    private static final int SEATS = 100_000;
    private static final int USERS = 20_000;

    private HoldBenchmark() {
    }

    /** How a design's service process starts. */
    private interface Design {

        ServiceProcess start() throws IOException, InterruptedException;
    }

    public static void main(String[] args) throws Exception {
        int seconds = Bench.intProperty("bench.seconds", 15);
        int clients = Bench.intProperty("bench.clients", 256);
        int warmup = Bench.warmupSeconds();
        Bench.header("Seat holds: one hot event of " + SEATS + " seats, " + clients + " concurrent clients, this service beside the replaced design",
            "bench/run holds -Dbench.seconds=" + seconds + " -Dbench.clients=" + clients + " -Dbench.warmup=" + warmup);

        Map<String, Design> designs = new LinkedHashMap<>();
        designs.put("this service (group commit)", () -> ServiceProcess.packaged("service", Bench.BENCH_SERVICE));
        designs.put("replaced design (event row lock)", () -> ServiceProcess.replacedDesign("replaced-design", Bench.BENCH_SERVICE));

        DatabaseClient db = Backends.database(Bench.DATABASE);
        List<Measured> rows = new ArrayList<>();
        for (var design : designs.entrySet()) {
            System.out.println();
            Backends.emptyRedis(Bench.REDIS_DATABASE);
            try (ServiceProcess service = design.getValue().start()) {
                CpuMeter cpu = CpuMeter.watching(service, Backends.REDIS_PORT);
                clearHolds(db);
                long[] users = TestBuyers.seed(db, "holdbench", USERS);
                Buyers buyers = new Buyers(Bench.client(service.baseUrl(), clients + 64), users);
                String admin = Bench.accessToken(1, "ADMIN");

                long warmEvent = event(buyers.client, admin, "Holds warm-up");
                Bench.warmUp(Duration.ofSeconds(warmup), clients, () -> buyers.hold(warmEvent));
                long measuredEvent = event(buyers.client, admin, "Holds " + design.getKey());
                rows.add(cpu.measure(() -> Bench.run(design.getKey(), Duration.ofSeconds(seconds), clients, () -> buyers.hold(measuredEvent))));
                Invariants.check(db, List.of(warmEvent, measuredEvent)).print();
            }
        }
        // Nor does the next benchmark find this run's holds expiring under its own measurement.
        clearHolds(db);

        Measured.print(rows);
        Measured pipeline = rows.get(0);
        Measured replaced = rows.get(1);
        System.out.printf("%nholds committed per second, this service / replaced design: %.0f / %.0f = %.1fx%n", pipeline.load().okPerSecond(),
            replaced.load().okPerSecond(), pipeline.load().okPerSecond() / Math.max(1, replaced.load().okPerSecond()));
        System.out.printf("cpu ms per hold of the service process: %.3f / %.3f; of the service, mariadbd and redis together: %.3f / %.3f%n",
            pipeline.serviceCpuMsPerOp(), replaced.serviceCpuMsPerOp(), pipeline.backendCpuMsPerOp(), replaced.backendCpuMsPerOp());
        System.exit(0);
    }

    /**
     * The synthetic buyers, taking turns: each hold is two seats with a fresh Idempotency-Key, the
     * buyer's access token and an admission pass for the event, all signed in this JVM.
     */
    private record Buyers(WebClient client, long[] users, String[] tokens, AtomicLong next) {

        Buyers(WebClient client, long[] users) {
            this(client, users, Arrays.stream(users).mapToObj(user -> Bench.accessToken(user, "USER")).toArray(String[]::new),
                new AtomicLong());
        }

        Mono<Integer> hold(long event) {
            int i = (int) (next.getAndIncrement() % users.length);
            String pass = Bench.pass(users[i], event);
            return client.post().uri("/api/v1/events/{id}/reservations", event)
                .headers(h -> {
                    h.setBearerAuth(tokens[i]);
                    h.set("Admission-Pass", pass);
                    h.set("Idempotency-Key", UUID.randomUUID().toString());
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("quantity", 2))
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()));
        }
    }

    private static long event(WebClient client, String admin, String name) {
        return Bench.saleEvent(client, admin, name, 100, SEATS / 100);
    }

    /**
     * Holds left by an earlier run (or the other design's) would expire during this one and keep
     * the expiry sweep busy beside the measurement; each design starts without any, and the run
     * leaves none.
     */
    private static void clearHolds(DatabaseClient db) {
        db.sql("UPDATE seat SET status = 'AVAILABLE', reservation_id = NULL WHERE reservation_id IS NOT NULL").then()
            .then(db.sql("DELETE FROM reservation_seat").then())
            .then(db.sql("DELETE FROM reservation").then())
            .block();
    }
}
