package io.ticketing.bench.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.web.reactive.function.client.WebClient;

import io.ticketing.bench.Backends;
import io.ticketing.bench.Bench;
import io.ticketing.bench.CpuMeter;
import io.ticketing.bench.Measured;
import io.ticketing.bench.ServiceProcess;

/**
 * 20,000 users enter one event's waiting room within 10 s (open-loop arrivals), then the same
 * crowd within 20 s, through the HTTP API of one instance in a process of its own, after a warm-up
 * of fresh users arriving at the first pace; prints enter latency, errors and CPU per entry.
 *
 * <pre>bench/run queue-enter [-Dbench.users=20000 -Dbench.seconds=10 -Dbench.warmup=30]</pre>
 */
public final class QueueEnterBenchmark {

    private QueueEnterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int users = Bench.intProperty("bench.users", 20_000);
        int seconds = Bench.intProperty("bench.seconds", 10);
        int warmup = Bench.warmupSeconds();
        Bench.header("Waiting room: " + users + " users enter one event within " + seconds + " s",
            "bench/run queue-enter -Dbench.users=" + users + " -Dbench.seconds=" + seconds + " -Dbench.warmup=" + warmup);

        Backends.emptyRedis(Bench.REDIS_DATABASE);
        List<Measured> rows = new ArrayList<>();
        try (ServiceProcess service = ServiceProcess.packaged("service", Bench.BENCH_SERVICE)) {
            CpuMeter cpu = CpuMeter.watching(service, Backends.REDIS_PORT);
            WebClient client = Bench.client(service.baseUrl(), 4096);
            String admin = Bench.accessToken(1, "ADMIN");
            long runId = System.currentTimeMillis() % 1_000_000 * 100_000;

            int warmUsers = Math.max(1, users / seconds * warmup);
            long warmEvent = QueueBenchSupport.saleEvent(client, admin, "Queue warm-up " + runId, 50_000);
            String[] warmTokens = QueueBenchSupport.tokens(runId + 50_000_000L, warmUsers);
            System.out.printf("warm-up: %d users arriving over %d s ...%n", warmUsers, warmup);
            Bench.arrive("warm-up", warmUsers, Duration.ofSeconds(warmup), i -> QueueBenchSupport.enter(client, warmTokens[i], warmEvent));

            // The same crowd arriving at the target pace and at half of it, each on a fresh event.
            for (int spread : new int[] {seconds, seconds * 2}) {
                long event = QueueBenchSupport.saleEvent(client, admin, "Queue rush " + runId + "/" + spread, 50_000);
                String[] tokens = QueueBenchSupport.tokens(runId + spread * 1_000_000L, users);
                rows.add(cpu.measure(() -> Bench.arrive(users + " in " + spread + " s (" + users / spread + "/s)", users,
                    Duration.ofSeconds(spread), i -> QueueBenchSupport.enter(client, tokens[i], event))));
                Map<?, ?> room = client.get().uri("/api/v1/admin/events/{id}/queue", event).headers(h -> h.setBearerAuth(admin))
                    .retrieve().bodyToMono(Map.class).block();
                long waiting = ((Number) room.get("waiting")).longValue();
                long admitted = ((Number) room.get("admitted")).longValue();
                System.out.printf("  in the room afterwards: %d waiting + %d admitted = %d distinct users (expected %d)%n",
                    waiting, admitted, waiting + admitted, users);
            }
        }
        Measured.print(rows);
        System.exit(0);
    }
}
