package io.ticketing.bench.door;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import io.ticketing.bench.Backends;
import io.ticketing.bench.Bench;
import io.ticketing.bench.CpuMeter;
import io.ticketing.bench.Measured;
import io.ticketing.bench.ServiceProcess;
import io.ticketing.bench.queue.QueueBenchSupport;

import io.ticketing.testsupport.ProofOfWorkSolver;

/**
 * The door's cost to the service, with the queue-enter benchmark's machinery (a service process of
 * its own, open-loop arrivals, CPU from /proc): entries with the door off, as every client sent
 * them before it; then, with the door on, the challenges the buyers ask for, and their entries
 * with the solutions, which this JVM finds between the two windows. The difficulty is low on
 * purpose: checking a solution costs the service one HMAC and one SHA-256 whatever the
 * difficulty, which only sets the buyer's work.
 */
final class DoorCost {

    private static final int USERS = Bench.intProperty("bench.door.users", 5_000);
    private static final int SECONDS = Bench.intProperty("bench.door.seconds", 10);
    private static final int BITS = Bench.intProperty("bench.door.bits", 8);

    private DoorCost() {
    }

    /** The options of this part, for the command line the output repeats. */
    static String options() {
        return " -Dbench.door.users=" + USERS + " -Dbench.door.seconds=" + SECONDS + " -Dbench.door.bits=" + BITS;
    }

    static void run(int warmup) throws Exception {
        System.out.printf("%nservice: %d entries arriving within %d s (%d/s), door off, then on at %d bits%n",
            USERS, SECONDS, USERS / SECONDS, BITS);
        Backends.emptyRedis(Bench.REDIS_DATABASE);
        StringRedisTemplate redis = Backends.redis(Bench.REDIS_DATABASE);
        List<Measured> rows = new ArrayList<>();
        try (ServiceProcess service = ServiceProcess.packaged("service", Bench.BENCH_SERVICE)) {
            CpuMeter cpu = CpuMeter.watching(service, Backends.REDIS_PORT);
            WebClient client = Bench.client(service.baseUrl(), 4096);
            String admin = Bench.accessToken(1, "ADMIN");
            long runId = System.currentTimeMillis() % 1_000_000 * 100_000;
            Duration over = Duration.ofSeconds(SECONDS);

            // Warm-up: the door-on path, which runs everything the door-off one does and more.
            int warmUsers = Math.max(1, USERS / SECONDS * warmup);
            long warmEvent = door(client, admin, QueueBenchSupport.saleEvent(client, admin, "Door warm-up " + runId, 50_000), BITS);
            String[] warmTokens = QueueBenchSupport.tokens(runId + 50_000_000L, warmUsers);
            System.out.printf("warm-up: %d users ask for a challenge over %d s, then enter with its solution over %d s ...%n",
                warmUsers, warmup, warmup);
            Map<?, ?>[] warmProofs = new Map<?, ?>[warmUsers];
            // At the measured pace: a cold service sheds a faster start. Even the first challenge is
            // used within its two minutes' life.
            Bench.arrive("warm-up challenges", warmUsers, Duration.ofSeconds(warmup), challenges(client, warmTokens, warmEvent, warmProofs));
            solve(warmProofs);
            Bench.arrive("warm-up", warmUsers, Duration.ofSeconds(warmup),
                i -> enter(client, warmTokens[i], warmEvent, warmProofs[i]));

            long off = QueueBenchSupport.saleEvent(client, admin, "Door off " + runId, 50_000);
            String[] offTokens = QueueBenchSupport.tokens(runId + 1_000_000L, USERS);
            rows.add(cpu.measure(() -> Bench.arrive("door off: entry", USERS, over, i -> QueueBenchSupport.enter(client, offTokens[i], off))));
            lines(redis, off);

            long on = door(client, admin, QueueBenchSupport.saleEvent(client, admin, "Door on " + runId, 50_000), BITS);
            String[] onTokens = QueueBenchSupport.tokens(runId + 2_000_000L, USERS);
            Map<?, ?>[] proofs = new Map<?, ?>[USERS];
            rows.add(cpu.measure(() -> Bench.arrive("door on: challenge", USERS, over, challenges(client, onTokens, on, proofs))));
            solve(proofs);
            rows.add(cpu.measure(() -> Bench.arrive("door on: entry, " + BITS + "-bit solution", USERS, over,
                i -> enter(client, onTokens[i], on, proofs[i]))));
            lines(redis, on);
        }
        Measured.print(rows);
        System.out.printf("""
            door on: the generator solved each challenge (%d bits) between the two windows, unmeasured. Checking a
              solution costs the service one HMAC-SHA256 and one SHA-256 whatever the difficulty, so these figures hold at
              any difficulty; the difficulty sets only the buyer's work (the browser rows above). A buyer's entry with the
              door on costs the service the challenge row and the entry row together.%n""", BITS);
    }

    /** Turns the event's door on at {@code bits}, as an operator does. */
    private static long door(WebClient client, String adminToken, long eventId, int bits) {
        Bench.queueSettings(client, adminToken, eventId, Map.of("challengeBits", bits));
        return eventId;
    }

    /**
     * Asks for user {@code i}'s challenge; keeps it as the body of their entry, unsolved yet. A
     * refusal (a busy service's 503, say) leaves none: that user enters without one.
     */
    private static IntFunction<Mono<Integer>> challenges(WebClient client, String[] tokens, long eventId, Map<?, ?>[] proofs) {
        return i -> client.get().uri("/api/v1/events/{id}/queue/challenge", eventId).headers(h -> h.setBearerAuth(tokens[i]))
            .exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                ? response.bodyToMono(Map.class).doOnNext(challenge -> proofs[i] = challenge).thenReturn(response.statusCode().value())
                : response.releaseBody().thenReturn(response.statusCode().value()));
    }

    /** An entry with its solution; without one where asking for the challenge failed, which then sends it to the infinite line. */
    private static Mono<Integer> enter(WebClient client, String token, long eventId, Map<?, ?> proof) {
        return proof == null ? QueueBenchSupport.enter(client, token, eventId) : QueueBenchSupport.enter(client, token, eventId, proof);
    }

    /** Replaces each challenge with its solution, {challenge, counter}; says how many users have none. */
    private static void solve(Map<?, ?>[] proofs) {
        IntStream.range(0, proofs.length).parallel().filter(i -> proofs[i] != null).forEach(i -> {
            String challenge = proofs[i].get("challenge").toString();
            int bits = ((Number) proofs[i].get("bits")).intValue();
            proofs[i] = Map.of("challenge", challenge, "counter", ProofOfWorkSolver.solve(challenge, bits));
        });
        long none = Arrays.stream(proofs).filter(Objects::isNull).count();
        if (none > 0) {
            System.out.printf("  %d of %d users got no challenge (refused) and enter without a solution: into the infinite line%n",
                none, proofs.length);
        }
    }

    /** Where the window's users ended up: all in the line (or admitted from it), none in the infinite line; and the door's setting. */
    private static void lines(StringRedisTemplate redis, long eventId) {
        Long line = redis.opsForZSet().zCard(Bench.redisKey("{event:" + eventId + "}:line"));
        Long admitted = redis.opsForZSet().zCard(Bench.redisKey("{event:" + eventId + "}:admitted"));
        Long limbo = redis.opsForZSet().zCard(Bench.redisKey("{event:" + eventId + "}:limbo"));
        Object bits = redis.opsForHash().get(Bench.redisKey("{event:" + eventId + "}:config"), "bits");
        System.out.printf("  afterwards: %d in the line + %d admitted = %d (expected %d), %d in the infinite line (expected 0);"
            + " the event's door at %s bits%n", line, admitted, line + admitted, USERS, limbo, bits == null ? "0 (unset)" : bits);
    }
}
