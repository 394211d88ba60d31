package io.ticketing.queue;

import java.time.Duration;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import io.ticketing.bench.Bench;

/**
 * 20,000 users enter one event's waiting room within 10 s (open-loop arrivals) through the HTTP
 * API of one in-process instance; prints enter latency percentiles and errors.
 *
 * <pre>bench/run queue-enter [-Dbench.users=20000 -Dbench.seconds=10 -Dbench.warmup=30]</pre>
 */
public final class QueueEnterBenchmark {

    private QueueEnterBenchmark() {
    }

    public static void main(String[] args) {
        int users = Bench.intProperty("bench.users", 20_000);
        int seconds = Bench.intProperty("bench.seconds", 10);
        int warmup = Bench.intProperty("bench.warmup", 30);
        Bench.header("Waiting room: " + users + " users enter one event within " + seconds + " s",
            "bench/run queue-enter -Dbench.users=" + users + " -Dbench.seconds=" + seconds
                + " -Dbench.warmup=" + warmup);

        ConfigurableApplicationContext service = Bench.startService(Bench.BENCH_SERVICE);
        try {
            WebClient client = Bench.client(service, 4096);
            String admin = Bench.accessToken(service, 1, "ADMIN");
            long runId = System.currentTimeMillis() % 1_000_000 * 100_000;

            long warmEvent = QueueBenchSupport.saleEvent(client, admin, "Queue warm-up " + runId, 50_000);
            String[] warmTokens = tokens(service, runId + 50_000_000L, 2_000);
            int[] next = {0};
            Bench.warmUp(Duration.ofSeconds(warmup), 64,
                () -> QueueBenchSupport.enter(client, warmTokens[next[0]++ % warmTokens.length], warmEvent));

            // The same crowd arriving twice as fast and at the target pace, each on a fresh event.
            Bench.Result.printHeader();
            StringRedisTemplate redis = service.getBean(StringRedisTemplate.class);
            for (int spread : new int[] {seconds, seconds * 2}) {
                long event = QueueBenchSupport.saleEvent(client, admin, "Queue rush " + runId + "/" + spread, 50_000);
                String[] tokens = tokens(service, runId + spread * 1_000_000L, users);
                Bench.arrive(users + " in " + spread + " s (" + users / spread + "/s)", users, Duration.ofSeconds(spread),
                    i -> QueueBenchSupport.enter(client, tokens[i], event)).print();
                Bench.printErrors();
                QueueKeys keys = new QueueKeys(event);
                Long waiting = redis.opsForZSet().zCard(keys.line());
                Long admitted = redis.opsForZSet().zCard(keys.admitted());
                System.out.printf("  in the room afterwards: %d waiting + %d admitted = %d distinct users (expected %d)%n",
                    waiting, admitted, waiting + admitted, users);
            }
        }
        finally {
            service.close();
        }
        System.exit(0);
    }

    private static String[] tokens(ConfigurableApplicationContext service, long firstUserId, int count) {
        String[] tokens = new String[count];
        for (int i = 0; i < count; i++) {
            tokens[i] = Bench.accessToken(service, firstUserId + i, "USER");
        }
        return tokens;
    }
}
