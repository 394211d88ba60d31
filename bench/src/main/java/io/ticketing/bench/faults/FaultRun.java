package io.ticketing.bench.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;

import io.ticketing.bench.Backends;
import io.ticketing.bench.Bench;
import io.ticketing.bench.ServiceProcess;
import io.ticketing.testsupport.CuttableProxy;
import io.ticketing.testsupport.Invariants;
import io.ticketing.testsupport.TestBuyers;

/**
 * Faults in the middle of a sale, printed rather than asserted: two instances of the service, a
 * spike of buyers arriving through both (with a load balancer's failover), and during it
 * (1) Redis stopped and started again, (2) MariaDB cut off for a few seconds (every connection
 * reset and new ones refused, which is how a restart looks from the service), (3) one of the two
 * instances shut down. Afterwards: the invariants, every confirmation the buyers got, every buyer
 * who never left, and how long each fault took to heal.
 *
 * <pre>bench/run faults [-Dfaults.buyers=1200 -Dfaults.seconds=60]</pre>
 */
public final class FaultRun {

    private static final String DATABASE = "ticketing_faults";

    private FaultRun() {
    }

    public static void main(String[] args) throws Exception {
        int buyers = Bench.intProperty("faults.buyers", 1200);
        int seconds = Bench.intProperty("faults.seconds", 60);
        Bench.header("Faults during a spike: " + buyers + " buyers over " + seconds + " s through two instances",
            "bench/run faults -Dfaults.buyers=" + buyers + " -Dfaults.seconds=" + seconds);

        DatabaseClient db = Backends.database(DATABASE);
        try (RedisProcess redis = new RedisProcess(); CuttableProxy database = new CuttableProxy("127.0.0.1", 3306)) {
            Map<String, Object> settings = Map.of(
                "ticketing.db.name", DATABASE,
                "ticketing.db.port", database.port(),
                "spring.data.redis.port", redis.port(),
                "ticketing.auth.jwt-secret", Bench.JWT_SECRET,
                "ticketing.rate-limits.exempt-client-ips", Bench.BENCH_SERVICE.get("ticketing.rate-limits.exempt-client-ips"),
                "logging.level.root", "WARN");
            try (ServiceProcess first = ServiceProcess.packaged("instance-1", settings);
                 ServiceProcess second = ServiceProcess.packaged("instance-2", settings)) {
                run(seconds, buyers, db, redis, database, first, second);
            }
        }
        System.exit(0);
    }

    private static void run(int seconds, int buyers, DatabaseClient db, RedisProcess redis, CuttableProxy database,
                            ServiceProcess first, ServiceProcess second) throws Exception {
        List<WebClient> clients = List.of(Bench.client(first.baseUrl(), 2048), Bench.client(second.baseUrl(), 2048));

        long admin = db.sql("SELECT id FROM app_user WHERE role = 'ADMIN' ORDER BY id LIMIT 1").map(row -> row.get(0, Long.class)).one().block();
        String adminToken = Bench.accessToken(admin, "ADMIN");
        // Seats for three buyers in four: the sale sells out and the tail of the line is told so.
        long event = Bench.saleEvent(clients.get(0), adminToken, "Faults", buyers * 3 / 2 / 50, 50);
        Bench.queueSettings(clients.get(0), adminToken, event, Map.of("admissionRatePerSecond", 40, "maxActive", 400));
        long[] users = TestBuyers.seed(db, "faults", buyers);
        String[] access = new String[buyers];
        for (int i = 0; i < buyers; i++) {
            access[i] = Bench.accessToken(users[i], "USER");
        }
        String probe = access[0];

        Buyers load = new Buyers(clients, Duration.ofMinutes(2));
        long runId = System.nanoTime();
        AtomicInteger started = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        List<Buyers.End> ends = new java.util.concurrent.CopyOnWriteArrayList<>();
        reactor.core.Disposable arrivals = Flux.interval(Duration.ofMillis(seconds * 1000L / buyers))
            .take(buyers)
            .flatMap(i -> load.journey(event, access[i.intValue()], "faults-" + runId + "-" + i)
                .doOnSubscribe(s -> started.incrementAndGet())
                .doOnNext(ends::add)
                .doFinally(signal -> finished.incrementAndGet()), buyers)
            .subscribe();
        reactor.core.Disposable progress = Flux.interval(Duration.ofSeconds(10))
            .subscribe(tick -> System.out.printf("  t=%ds: %d buyers started, %d finished%n", (tick + 1) * 10, started.get(), finished.get()));

        List<String> faults = new ArrayList<>();
        Thread.sleep(seconds * 1000L / 5);
        redis.stop();
        Thread.sleep(3000);
        redis.start();
        faults.add(healed("Redis stopped (SHUTDOWN, AOF) for 3 s, started again", List.of(clients.get(0), clients.get(1)),
            client -> client.get().uri("/api/v1/events/{id}/queue/me", event).headers(h -> h.setBearerAuth(probe))
                .exchangeToMono(r -> Mono.just(r.statusCode().value() < 500))));

        Thread.sleep(seconds * 1000L / 5);
        database.cut();
        Thread.sleep(5000);
        database.restore();
        faults.add(healed("MariaDB cut off for 5 s (connections reset, new ones refused), then back", List.of(clients.get(0), clients.get(1)),
            client -> client.get().uri("/api/v1/events/{id}/seats?limit=1", event)
                .exchangeToMono(r -> Mono.just(r.statusCode().value() == 200))));

        Thread.sleep(seconds * 1000L / 5);
        Duration stopping = second.terminate();
        faults.add("Instance 2 of 2 sent SIGTERM: it shut down gracefully in %.1f s; buyers carried on through instance 1"
            .formatted(stopping.toMillis() / 1000.0));

        // Every journey gives up after its patience; wait that long past the last arrival, no more.
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).plus(Duration.ofMinutes(2)).plusSeconds(20).toNanos();
        while (ends.size() < buyers && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        progress.dispose();
        arrivals.dispose();
        report(faults, ends, load, db, event, redis);
    }

    /** Polls each instance every 100 ms after the fault ends; answers how long until both served again. */
    private static String healed(String fault, List<WebClient> clients, Function<WebClient, Mono<Boolean>> served) throws InterruptedException {
        long back = System.nanoTime();
        List<String> times = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            WebClient client = clients.get(i);
            while (!Boolean.TRUE.equals(served.apply(client).onErrorReturn(false).block(Duration.ofSeconds(5)))) {
                Thread.sleep(100);
            }
            times.add("instance %d after %.1f s".formatted(i + 1, (System.nanoTime() - back) / 1e9));
        }
        return fault + ": serving again, " + String.join(", ", times);
    }

    private static void report(List<String> faults, List<Buyers.End> ends, Buyers load, DatabaseClient db, long event,
                               RedisProcess redis) throws Exception {
        System.out.println("What was tried:");
        faults.forEach(fault -> System.out.println("  - " + fault));
        System.out.println("Failed requests by kind and instance (all but the \"gave up\" ones were retried):");
        load.retried.forEach((kind, n) -> System.out.printf("  %6d  %s%n", n.get(), kind));

        Map<Buyers.End, AtomicInteger> byEnd = new EnumMap<>(Buyers.End.class);
        ends.forEach(end -> byEnd.computeIfAbsent(end, e -> new AtomicInteger()).incrementAndGet());
        System.out.println("How the buyers ended: " + byEnd);
        Map<String, Long> unfinished = load.stage.values().stream().filter(stage -> !stage.startsWith("ended"))
            .collect(java.util.stream.Collectors.groupingBy(stage -> stage, java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        if (!unfinished.isEmpty()) {
            System.out.println("Journeys without an end when the run stopped waiting, by last step: " + unfinished);
        }

        long confirmed = load.confirmed.size();
        long stillConfirmed = Flux.fromIterable(load.confirmed)
            .flatMap(id -> db.sql("SELECT status FROM reservation WHERE id = :id").bind("id", id).map(row -> row.get(0, String.class)).one(), 4)
            .filter("CONFIRMED"::equals).count().block();
        System.out.printf("Confirmations the buyers received: %d; still CONFIRMED in the database: %d%n", confirmed, stillConfirmed);
        Process zcard = new ProcessBuilder("redis-cli", "-p", Integer.toString(redis.port()), "zcard", DATABASE + ":{event:" + event + "}:line").start();
        String inLine = new String(zcard.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        System.out.printf("Waiters lost from the line (told 'not in line' though they never left): %d; still waiting when their 2 min "
            + "patience ran out: %d; entries in the line in Redis at the end (buyers told sold out keep theirs): %s%n",
            byEnd.getOrDefault(Buyers.End.LOST, new AtomicInteger()).get(), byEnd.getOrDefault(Buyers.End.STILL_WAITING, new AtomicInteger()).get(),
            inLine);
        Invariants.check(db, List.of(event)).print();
        System.out.println("(Redis ran on port " + redis.port() + " with an append-only file, fsync on every write.)");
    }

}
