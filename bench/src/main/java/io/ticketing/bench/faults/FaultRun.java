package io.ticketing.bench.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * (1) MariaDB cut off for a few seconds (every connection reset and new ones refused, which is how
 * a restart looks from the service), (2) Redis stopped and started again, (3) and (4) Redis
 * forgetting everything, by a FLUSHALL and then by a restart without persistence, (5) one of the
 * two instances shut down. Afterwards: the invariants, every confirmation the buyers got, every
 * buyer who never left, how long each fault took to heal, and for each time Redis forgot, whether
 * the buyers waiting then were let in from the places they held, in order, and once.
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
        // Admitting half as fast as buyers arrive (10/s at the defaults' 20/s), so that the line grows all
        // through the spike and each fault finds hundreds waiting: at 40/s it never held more than a few,
        // and a Redis that forgot the line would have had nobody to lose.
        int rate = Math.max(1, buyers / seconds / 2);
        Bench.queueSettings(clients.get(0), adminToken, event, Map.of("admissionRatePerSecond", rate, "maxActive", 400));
        long[] users = TestBuyers.seed(db, "faults", buyers);
        long runId = System.nanoTime();
        Buyers.Buyer[] crowd = new Buyers.Buyer[buyers];
        for (int i = 0; i < buyers; i++) {
            crowd[i] = new Buyers.Buyer(users[i], Bench.accessToken(users[i], "USER"), "faults-" + runId + "-" + i);
        }
        String probe = crowd[0].token;

        Buyers load = new Buyers(clients, Duration.ofMinutes(2));
        AtomicInteger started = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        List<Buyers.End> ends = new java.util.concurrent.CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        reactor.core.Disposable arrivals = Flux.interval(Duration.ofMillis(seconds * 1000L / buyers))
            .take(buyers)
            .flatMap(i -> load.journey(event, crowd[i.intValue()])
                .doOnSubscribe(s -> started.incrementAndGet())
                .doOnNext(ends::add)
                .doFinally(signal -> finished.incrementAndGet()), buyers)
            .subscribe();
        reactor.core.Disposable progress = Flux.interval(Duration.ofSeconds(10))
            .subscribe(tick -> System.out.printf("  t=%ds: %d buyers started, %d finished%n", (tick + 1) * 10, started.get(), finished.get()));

        // On a timetable from the first arrival, while buyers wait. The database goes first: admissions
        // made while it is away are not in its ledger (they stand as Redis made them), and a waiter Redis
        // forgot who was let in then could not be checked against the place they held. The outages come
        // early enough that their healing (seconds, on a busy machine) ends before Redis forgets. The last
        // time it does comes while everyone waiting is still within the seats (the line then holds about
        // the buyers from rate x t to arrivals x t, under 900 at 0.75 of the arrivals), so that every
        // waiter it finds is due a seat.
        List<String> faults = new ArrayList<>();
        List<Forgetting> forgettings = new ArrayList<>();
        at(start, seconds, 0.10);
        database.cut();
        Thread.sleep(5000);
        database.restore();
        faults.add(healed("MariaDB cut off for 5 s (connections reset, new ones refused), then back", List.of(clients.get(0), clients.get(1)),
            client -> client.get().uri("/api/v1/events/{id}/seats?limit=1", event)
                .exchangeToMono(r -> Mono.just(r.statusCode().value() == 200))));

        at(start, seconds, 0.25);
        redis.stop();
        Thread.sleep(3000);
        redis.start();
        faults.add(healed("Redis stopped (SHUTDOWN, AOF) for 3 s, started again", List.of(clients.get(0), clients.get(1)),
            client -> client.get().uri("/api/v1/events/{id}/queue/me", event).headers(h -> h.setBearerAuth(probe))
                .exchangeToMono(r -> Mono.just(r.statusCode().value() < 500))));

        at(start, seconds, 0.45);
        Forgetting flushed = Forgetting.of("FLUSHALL", start, crowd, redis::flushAll);
        forgettings.add(flushed);
        faults.add("Redis forgot everything (FLUSHALL) at t=%.1f s, with %d buyers waiting in line".formatted(flushed.at(), flushed.waiting().size()));

        at(start, seconds, 0.65);
        Forgetting restarted = Forgetting.of("restart without persistence", start, crowd, redis::restartEmpty);
        forgettings.add(restarted);
        faults.add(healed("Redis restarted without persistence (SHUTDOWN NOSAVE, files deleted, started empty) at t=%.1f s, with %d buyers waiting in line"
                .formatted(restarted.at(), restarted.waiting().size()), List.of(clients.get(0), clients.get(1)),
            client -> client.get().uri("/api/v1/events/{id}/queue/me", event).headers(h -> h.setBearerAuth(probe))
                .exchangeToMono(r -> Mono.just(r.statusCode().value() < 500))));

        at(start, seconds, 0.85);
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
        report(faults, ends, load, db, event, redis, crowd, forgettings);
    }

    /** Sleeps until {@code fraction} of the arrivals' {@code seconds} have passed since {@code start} (System.nanoTime()); at once when they have. */
    private static void at(long start, int seconds, double fraction) throws InterruptedException {
        long wait = start + (long) (seconds * fraction * 1e9) - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000);
        }
    }

    /** What Redis forgetting does to the line; throws what the RedisProcess call throws. */
    @FunctionalInterface
    private interface Forget {

        void run() throws Exception;
    }

    /** A buyer in line, not yet admitted, when Redis forgot, and the line ticket their newest stream ticket carried then. */
    private record Waiter(Buyers.Buyer buyer, long ticket) {
    }

    /** One time Redis forgot: when (s after the first arrival, and System.nanoTime()), and who was waiting. */
    private record Forgetting(String name, double at, long nanos, List<Waiter> waiting) {

        /** Who is waiting, read just before {@code forget} runs. */
        static Forgetting of(String name, long start, Buyers.Buyer[] crowd, Forget forget) throws Exception {
            List<Waiter> waiting = new ArrayList<>();
            for (Buyers.Buyer buyer : crowd) {
                long ticket = buyer.lineTicket();
                if (buyer.end == null && !buyer.admitted() && ticket > 0) {
                    waiting.add(new Waiter(buyer, ticket));
                }
            }
            long nanos = System.nanoTime();
            forget.run();
            return new Forgetting(name, (nanos - start) / 1e9, nanos, waiting);
        }
    }

    /** How long a fault's healing is waited for, so that an instance that never serves again cannot hold the run. */
    private static final Duration HEALING = Duration.ofSeconds(60);

    /**
     * Polls each instance every 100 ms after the fault ends; answers how long until both served again.
     * A probe unanswered in 5 s counts as not served, like an error.
     */
    private static String healed(String fault, List<WebClient> clients, Function<WebClient, Mono<Boolean>> served) throws InterruptedException {
        long back = System.nanoTime();
        List<String> times = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            WebClient client = clients.get(i);
            boolean serving;
            while (!(serving = Boolean.TRUE.equals(served.apply(client).timeout(Duration.ofSeconds(5)).onErrorReturn(false).block()))
                && System.nanoTime() - back < HEALING.toNanos()) {
                Thread.sleep(100);
            }
            times.add(serving ? "instance %d after %.1f s".formatted(i + 1, (System.nanoTime() - back) / 1e9)
                : "instance %d NOT within %d s".formatted(i + 1, HEALING.toSeconds()));
        }
        return fault + ": serving again, " + String.join(", ", times);
    }

    private static void report(List<String> faults, List<Buyers.End> ends, Buyers load, DatabaseClient db, long event,
                               RedisProcess redis, Buyers.Buyer[] crowd, List<Forgetting> forgettings) throws Exception {
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

        List<Buyers.Buyer> failed = java.util.Arrays.stream(crowd).filter(buyer -> buyer.end == Buyers.End.FAILED).toList();
        if (!failed.isEmpty()) {
            System.out.println("Journeys that failed (user, the reservation held if any, why):");
            failed.stream().limit(EXAMPLES).forEach(buyer -> System.out.printf("  user %d reservation %s: %s%n", buyer.userId, buyer.held, buyer.failure));
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
        Process admittedSet = new ProcessBuilder("redis-cli", "-p", Integer.toString(redis.port()), "zcard", DATABASE + ":{event:" + event + "}:admitted")
            .start();
        String inside = new String(admittedSet.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        Map<String, Long> seats = new TreeMap<>();
        db.sql("SELECT status, COUNT(*) FROM seat WHERE event_id = :event GROUP BY status").bind("event", event)
            .map(row -> Map.entry(row.get(0, String.class), row.get(1, Long.class))).all()
            .doOnNext(count -> seats.put(count.getKey(), count.getValue())).blockLast();
        Map<String, Long> ledgerRows = db.sql("SELECT COUNT(*) AS total, COALESCE(SUM(expires_at > UTC_TIMESTAMP(3)), 0) AS running FROM admission "
                + "WHERE event_id = :event").bind("event", event)
            .map(row -> Map.of("rows", row.get("total", Long.class), "still running", ((Number) row.get("running")).longValue())).one().block();
        // Seats left while buyers still waited mean the line stopped moving before the sale sold out.
        System.out.printf("Seats at the end by status: %s; admitted set in Redis at the end: %s; admission ledger: %s%n", seats, inside,
            new TreeMap<>(ledgerRows));
        Invariants.Report invariants = Invariants.check(db, List.of(event));
        invariants.print();
        System.out.println("(Redis ran on port " + redis.port() + " with an append-only file, fsync on every write.)");
        forgets(forgettings, crowd, db, event, invariants);
    }

    /** A row of the admission ledger: the line ticket the buyer was let in from (0: straight in), and when (UTC). */
    private record Admission(long userId, long place, LocalDateTime admittedAt, LocalDateTime expiresAt) {

        @Override
        public String toString() {
            return "ledger: place " + place + ", admitted_at " + admittedAt + "Z, expires_at " + expiresAt + "Z";
        }
    }

    private static final String RESTORED = "restored in order";
    private static final String LOST = "lost";
    private static final int EXAMPLES = 20;

    /**
     * For each time Redis forgot and in total: the waiters let in from the ticket they held then, in
     * order; those it lost; the buyers handed two passes; the seats sold twice or beyond capacity. Then
     * every buyer behind a figure that is not what it should be, with what they were told and the ledger.
     */
    private static void forgets(List<Forgetting> forgettings, Buyers.Buyer[] crowd, DatabaseClient db, long event, Invariants.Report invariants) {
        Map<Long, Admission> ledger = new HashMap<>();
        db.sql("SELECT user_id, place, admitted_at, expires_at FROM admission WHERE event_id = :event AND lane_id = 0")
            .bind("event", event)
            .map(row -> new Admission(row.get("user_id", Long.class), row.get("place", Long.class), row.get("admitted_at", LocalDateTime.class),
                row.get("expires_at", LocalDateTime.class)))
            .all().doOnNext(admission -> ledger.put(admission.userId(), admission)).blockLast();
        List<Admission> rows = List.copyOf(ledger.values());

        System.out.println("Redis forgets (waiting: in line with a line ticket, not yet admitted, when it hit; restored in order: admitted later "
            + "from that very ticket, the ledger's place, with nobody holding a higher one admitted strictly before them on Redis's clock, which "
            + "the ledger's expires_at carries (the pass's lifetime after admit.lua's TIME); its admitted_at is the recording instance's clock, "
            + "read after the tick, and is counted beside it):");
        Map<Buyers.Buyer, String> verdicts = new HashMap<>();
        Map<Buyers.Buyer, String> byRecording = new HashMap<>();
        Map<String, List<String>> notInOrder = new java.util.LinkedHashMap<>();
        Set<Buyers.Buyer> everWaiting = new LinkedHashSet<>();
        for (Forgetting forgetting : forgettings) {
            Map<String, Integer> kinds = new TreeMap<>();
            int restored = 0;
            int recordedInOrder = 0;
            int lost = 0;
            int twice = 0;
            // Who got in ahead of a waiter holding a lower ticket: how many jumped the line, beside how many it held back.
            Set<Long> overtakers = new java.util.HashSet<>();
            Set<Long> waitingThen = new java.util.HashSet<>();
            forgetting.waiting().forEach(waiter -> waitingThen.add(waiter.buyer().userId));
            for (Waiter waiter : forgetting.waiting()) {
                Buyers.Buyer buyer = waiter.buyer();
                everWaiting.add(buyer);
                Admission admission = ledger.get(buyer.userId);
                String verdict = verdict(waiter, admission, rows, Admission::expiresAt);
                String recorded = verdict(waiter, admission, rows, Admission::admittedAt);
                // A buyer waiting at both counts as restored in total only if both put them back in order.
                verdicts.merge(buyer, verdict, (was, now) -> RESTORED.equals(was) ? now : was);
                byRecording.merge(buyer, recorded, (was, now) -> RESTORED.equals(was) ? now : was);
                recordedInOrder += RESTORED.equals(recorded) ? 1 : 0;
                if (admission != null && admission.place() == waiter.ticket()) {
                    rows.stream().filter(other -> other.place() > waiter.ticket() && other.expiresAt().isBefore(admission.expiresAt()))
                        .forEach(other -> overtakers.add(other.userId()));
                }
                if (RESTORED.equals(verdict)) {
                    restored++;
                }
                else {
                    kinds.merge(verdict.replaceAll(": .*", ""), 1, Integer::sum);
                    if (!verdict.startsWith("told sold out") && !verdict.startsWith(LOST)) {
                        notInOrder.computeIfAbsent(forgetting.name(), name -> new ArrayList<>())
                            .add(forgetting.name() + ": user " + buyer.userId + " held ticket " + waiter.ticket() + "; " + verdict);
                    }
                }
                lost += buyer.told != null ? 1 : 0;
                twice += buyer.passes.size() > 1 ? 1 : 0;
            }
            long newcomers = overtakers.stream().filter(user -> !waitingThen.contains(user)).count();
            System.out.printf("  %s at t=%.1f s: waiters restored in order: %d of %d waiting at the fault (by admitted_at: %d); waiters lost: %d; "
                + "duplicate admissions: %d; the others: %s; buyers let in ahead of one of them holding a lower ticket: %d (%d of them not "
                + "waiting at the fault)%n", forgetting.name(), forgetting.at(), restored, forgetting.waiting().size(), recordedInOrder, lost, twice,
                kinds, overtakers.size(), newcomers);
        }
        long restored = verdicts.values().stream().filter(RESTORED::equals).count();
        List<Buyers.Buyer> lost = java.util.Arrays.stream(crowd).filter(buyer -> buyer.told != null).toList();
        List<Buyers.Buyer> twice = java.util.Arrays.stream(crowd).filter(buyer -> buyer.passes.size() > 1).toList();
        long oversells = invariants.violations().entrySet().stream()
            .filter(rule -> rule.getKey().contains("sold twice") || rule.getKey().contains("over capacity"))
            .mapToLong(Map.Entry::getValue).sum();
        long recordedInOrder = byRecording.values().stream().filter(RESTORED::equals).count();
        System.out.printf("  in total: waiters restored in order: %d of %d waiting at a fault (by admitted_at: %d); waiters lost: %d of all %d buyers; "
            + "duplicate admissions: %d of all buyers; oversells: %d (the invariants' violations of \"sold twice\" and \"over capacity\", over the "
            + "whole sale)%n", restored, everWaiting.size(), recordedInOrder, lost.size(), crowd.length, twice.size(), oversells);

        if (!lost.isEmpty()) {
            System.out.println("Waiters lost (user, ticket held, waiting at which fault, what they were told, the ledger):");
            lost.stream().limit(EXAMPLES).forEach(buyer -> System.out.printf("  user %d ticket %d %s: %s; %s%n", buyer.userId, buyer.lineTicket(),
                waitingAt(buyer, forgettings), buyer.told, ledger.containsKey(buyer.userId) ? ledger.get(buyer.userId) : "no ledger row"));
        }
        if (!twice.isEmpty()) {
            System.out.println("Duplicate admissions (user, the passes' expiries, the ledger):");
            twice.stream().limit(EXAMPLES).forEach(buyer -> System.out.printf("  user %d ticket %d %s: passes expiring %s; %s%n", buyer.userId,
                buyer.lineTicket(), waitingAt(buyer, forgettings), buyer.passes.stream().map(FaultRun::expiry).sorted().toList(),
                ledger.containsKey(buyer.userId) ? ledger.get(buyer.userId) : "no ledger row"));
        }
        if (!notInOrder.isEmpty()) {
            System.out.println("Waiters not restored in order, for another reason than the seats running out (the first " + EXAMPLES / 2
                + " of each fault's, by user id):");
            notInOrder.values().forEach(lines -> lines.stream().limit(EXAMPLES / 2).forEach(line -> System.out.println("  " + line)));
        }
    }

    /**
     * What became of a waiter Redis forgot: RESTORED, or why not, with what the ledger says; the order
     * of admissions read from {@code clock}, one of the ledger's two times.
     */
    private static String verdict(Waiter waiter, Admission admission, List<Admission> rows, Function<Admission, LocalDateTime> clock) {
        Buyers.Buyer buyer = waiter.buyer();
        if (buyer.told != null) {
            return LOST;
        }
        if (!buyer.admitted()) {
            return buyer.end == Buyers.End.SOLD_OUT ? "told sold out"
                : buyer.end == Buyers.End.STILL_WAITING ? "still waiting when patience ran out"
                : buyer.end == Buyers.End.FAILED ? "failed: " + buyer.failure
                : "journey unfinished";
        }
        if (admission == null) {
            return "admitted, not in the ledger";
        }
        if (admission.place() != waiter.ticket()) {
            return "admitted from another ticket: " + admission;
        }
        Admission ahead = null;
        for (Admission other : rows) {
            if (other.place() > waiter.ticket() && clock.apply(other).isBefore(clock.apply(admission))
                && (ahead == null || clock.apply(other).isBefore(clock.apply(ahead)))) {
                ahead = other;
            }
        }
        return ahead == null ? RESTORED
            : "admitted after a higher ticket: " + admission + "; the first higher one admitted before: user " + ahead.userId() + ", "
                + ahead + " (" + Duration.between(clock.apply(ahead), clock.apply(admission)).toMillis() + " ms earlier)";
    }

    /** At which of the times Redis forgot this buyer was waiting, and with which ticket. */
    private static String waitingAt(Buyers.Buyer buyer, List<Forgetting> forgettings) {
        List<String> at = new ArrayList<>();
        for (Forgetting forgetting : forgettings) {
            forgetting.waiting().stream().filter(waiter -> waiter.buyer() == buyer).findFirst()
                .ifPresent(waiter -> at.add(forgetting.name() + " with ticket " + waiter.ticket()));
        }
        return at.isEmpty() ? "(waiting at no fault)" : "(waiting at " + String.join(", ", at) + ")";
    }

    /** When a pass expires, from its signed part. */
    private static String expiry(String pass) {
        String[] grant = Buyers.grant(pass);
        return grant == null || grant.length < 5 ? "?" : Instant.ofEpochSecond(Long.parseLong(grant[4])).toString();
    }

}
