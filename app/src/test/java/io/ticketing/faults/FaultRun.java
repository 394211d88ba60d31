package io.ticketing.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;

import io.ticketing.CuttableProxy;
import io.ticketing.bench.Bench;
import io.ticketing.reservation.Invariants;

/**
 * Faults in the middle of a sale, printed rather than asserted: two instances of the service, a
 * spike of buyers arriving through both (with a load balancer's failover), and during it
 * (1) Redis stopped and started again, (2) MariaDB cut off for a few seconds (every connection
 * reset and new ones refused, which is how a restart looks from the service), (3) one of the two
 * instances shut down. Afterwards: the invariants, every confirmation the buyers got, every buyer
 * who never left, and how long each fault took to heal.
 *
 * <pre>./mvnw -q -pl app -Pfaults test-compile exec:java [-Dfaults.buyers=1200 -Dfaults.seconds=60]</pre>
 */
public final class FaultRun {

    private FaultRun() {
    }

    public static void main(String[] args) throws Exception {
        int buyers = Bench.intProperty("faults.buyers", 1200);
        int seconds = Bench.intProperty("faults.seconds", 60);
        Bench.header("Faults during a spike: " + buyers + " buyers over " + seconds + " s through two instances",
            "./mvnw -q -pl app -Pfaults test-compile exec:java -Dfaults.buyers=" + buyers + " -Dfaults.seconds=" + seconds);

        try (RedisProcess redis = new RedisProcess(); CuttableProxy database = new CuttableProxy("127.0.0.1", 3306)) {
            Map<String, Object> settings = Map.of(
                "ticketing.db.name", "ticketing_faults",
                "ticketing.db.port", database.port(),
                "spring.data.redis.port", redis.port(),
                "ticketing.rate-limits.exempt-client-ips", "127.0.0.1,0:0:0:0:0:0:0:1");
            ConfigurableApplicationContext first = Bench.startService(settings);
            ConfigurableApplicationContext second = Bench.startService(settings);
            List<WebClient> clients = List.of(Bench.client(first, 2048), Bench.client(second, 2048));
            DatabaseClient db = first.getBean(DatabaseClient.class);

            long admin = db.sql("SELECT id FROM app_user WHERE role = 'ADMIN' ORDER BY id LIMIT 1").map(row -> row.get(0, Long.class)).one().block();
            long event = Bench.saleEvent(clients.get(0), Bench.accessToken(first, admin, "ADMIN"), "Faults", buyers * 8 / 5 / 50, 50);
            clients.get(0).put().uri("/api/v1/admin/events/{id}/queue", event).headers(h -> h.setBearerAuth(Bench.accessToken(first, admin, "ADMIN")))
                .bodyValue(Map.of("admissionRatePerSecond", 40, "maxActive", 400)).retrieve().toBodilessEntity().block();
            long[] users = users(db, buyers);
            String[] tokens = new String[buyers];
            for (int i = 0; i < buyers; i++) {
                tokens[i] = Bench.accessToken(first, users[i], "USER");
            }
            String probe = Bench.accessToken(first, users[0], "USER");

            Buyers load = new Buyers(clients, Duration.ofMinutes(3));
            long runId = System.nanoTime();
            CompletableFuture<List<Buyers.Outcome>> outcomes = Flux.interval(Duration.ofMillis(seconds * 1000L / buyers))
                .take(buyers)
                .flatMap(i -> load.journey(event, tokens[i.intValue()], "faults-" + runId + "-" + i), buyers)
                .collectList().toFuture();

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
            long closing = System.nanoTime();
            second.close();
            faults.add("Instance 2 of 2 shut down gracefully (SIGTERM path) in %.1f s; buyers carried on through instance 1"
                .formatted((System.nanoTime() - closing) / 1e9));

            List<Buyers.Outcome> ends = outcomes.get(10, java.util.concurrent.TimeUnit.MINUTES);
            report(faults, ends, load, db, event, redis, first);
            first.close();
        }
        System.exit(0);
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

    private static void report(List<String> faults, List<Buyers.Outcome> ends, Buyers load, DatabaseClient db, long event,
                               RedisProcess redis, ConfigurableApplicationContext first) {
        System.out.println("What was tried:");
        faults.forEach(fault -> System.out.println("  - " + fault));
        System.out.println("Requests that failed and were retried (refused connections, 503s, broken or moved streams):");
        load.retried.forEach((kind, n) -> System.out.printf("  %6d  %s%n", n.get(), kind));

        Map<Buyers.End, AtomicInteger> byEnd = new EnumMap<>(Buyers.End.class);
        ends.forEach(end -> byEnd.computeIfAbsent(end.end(), e -> new AtomicInteger()).incrementAndGet());
        System.out.println("How the " + ends.size() + " buyers ended: " + byEnd);

        long confirmed = load.confirmed.size();
        long stillConfirmed = Flux.fromIterable(load.confirmed)
            .flatMap(id -> db.sql("SELECT status FROM reservation WHERE id = :id").bind("id", id).map(row -> row.get(0, String.class)).one())
            .filter("CONFIRMED"::equals).count().block();
        System.out.printf("Confirmations the buyers received: %d; still CONFIRMED in the database: %d%n", confirmed, stillConfirmed);
        long inLine = first.getBean(org.springframework.data.redis.core.ReactiveStringRedisTemplate.class)
            .opsForZSet().size("{event:" + event + "}:line").block();
        System.out.printf("Waiters lost from the line (never left, never admitted nor told sold out): %d; still in line in Redis: %d%n",
            byEnd.getOrDefault(Buyers.End.LOST_WAITING, new AtomicInteger()).get(), inLine);
        Invariants.check(db, List.of(event)).print();
        System.out.println("(Redis ran on port " + redis.port() + " with an append-only file, fsync on every write.)");
    }

    /** Buyers written straight to the table (resumable: existing ones are reused). */
    private static long[] users(DatabaseClient db, int count) {
        db.sql("""
                INSERT IGNORE INTO app_user (email, name, password_hash, role, created_at)
                SELECT CONCAT('faults-', a.n, '-', b.n, '@example.com'), 'Buyer', 'not-a-login', 'USER', NOW(6)
                FROM seq_number a CROSS JOIN seq_number b WHERE a.n <= 100 AND b.n <= 100""").then().block();
        return db.sql("SELECT id FROM app_user WHERE email LIKE 'faults-%' ORDER BY id LIMIT " + count)
            .map(row -> row.get("id", Long.class)).all().collectList().block().stream().mapToLong(Long::longValue).toArray();
    }
}
