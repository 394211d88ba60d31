package io.ticketing.queue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

import io.ticketing.bench.Bench;

/**
 * Many waiters on one instance listening to their positions over SSE while the line moves. For
 * each subscriber count it prints the heap in use, the lag between the line moving in Redis and a
 * waiter seeing its new position, and the Redis commands per second the service issued (from
 * {@code INFO commandstats}, minus this benchmark's own probes). The service and the SSE clients
 * share this JVM, so the heap figure covers both.
 *
 * <pre>bench/run queue-stream [-Dbench.subscribers=100,5000 -Dbench.seconds=20 -Dbench.warmup=30]</pre>
 */
public final class QueueStreamBenchmark {

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE = new ParameterizedTypeReference<>() {
    };
    private static final Duration PROBE_EVERY = Duration.ofMillis(20);
    private static final int ADMISSIONS_PER_SECOND = 4;

    private QueueStreamBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream(System.getProperty("bench.subscribers", "100,5000").split(",")).mapToInt(Integer::parseInt).toArray();
        int seconds = Bench.intProperty("bench.seconds", 20);
        int warmup = Bench.intProperty("bench.warmup", 30);
        Bench.header("Waiting room: SSE fan-out for " + Arrays.toString(sizes) + " subscribers on one instance",
            "bench/run queue-stream -Dbench.subscribers=" + System.getProperty("bench.subscribers", "100,5000")
                + " -Dbench.seconds=" + seconds + " -Dbench.warmup=" + warmup);

        ConfigurableApplicationContext service = Bench.startService(Bench.BENCH_SERVICE);
        try {
            int most = Arrays.stream(sizes).max().orElse(100);
            WebClient client = Bench.client(service, most + 512);
            long runId = System.currentTimeMillis() % 1_000_000 * 100_000;

            System.out.printf("warm-up: 500 subscribers for %d s ...%n%n", warmup);
            run(service, client, runId + 90_000_000L, 500, warmup);

            System.out.printf("%-12s %10s %9s %13s %13s %13s %15s %12s%n", "subscribers", "connected", "updates", "lag p50 ms",
                "lag p99 ms", "lag max ms", "redis cmds/s", "heap MiB");
            for (int i = 0; i < sizes.length; i++) {
                run(service, client, runId + i * 10_000_000L, sizes[i], seconds).print();
            }
        }
        finally {
            service.close();
        }
        System.exit(0);
    }

    private static Phase run(ConfigurableApplicationContext service, WebClient client, long firstUser, int subscribers, int seconds)
        throws Exception {
        String admin = Bench.accessToken(service, 1, "ADMIN");
        StringRedisTemplate redis = service.getBean(StringRedisTemplate.class);
        long event = QueueBenchSupport.saleEvent(client, admin, "Stream bench " + firstUser, 50_000);
        Bench.queueSettings(client, admin, event, Map.of("paused", true, "admissionRatePerSecond", ADMISSIONS_PER_SECOND,
            "maxActive", 1_000_000));
        QueueKeys keys = new QueueKeys(event);

        // Enter while paused: with nobody admitted yet, each waiter's ticket is its position.
        String[] streamUrls = new String[subscribers];
        long[] tickets = new long[subscribers];
        Flux.range(0, subscribers)
            .flatMap(i -> {
                String token = Bench.accessToken(service, firstUser + i, "USER");
                return client.post().uri("/api/v1/events/{id}/queue", event).headers(h -> h.setBearerAuth(token))
                    .retrieve().bodyToMono(Map.class)
                    .doOnNext(snapshot -> {
                        streamUrls[i] = (String) snapshot.get("streamUrl");
                        tickets[i] = ((Number) snapshot.get("position")).longValue();
                    });
            }, 64)
            .blockLast();

        // The line's head over time, probed straight from Redis.
        List<long[]> heads = new ArrayList<>();
        AtomicLong probes = new AtomicLong();
        Disposable probe = Flux.interval(PROBE_EVERY).onBackpressureDrop().subscribe(tick -> {
            var first = probeHead(redis, keys);
            probes.incrementAndGet();
            if (first != null && !first.isEmpty()) {
                long head = first.iterator().next().getScore().longValue();
                synchronized (heads) {
                    if (heads.isEmpty() || heads.get(heads.size() - 1)[1] != head) {
                        heads.add(new long[] {System.nanoTime(), head});
                    }
                }
            }
        });

        CountDownLatch connected = new CountDownLatch(subscribers);
        ConcurrentLinkedQueue<long[]> updates = new ConcurrentLinkedQueue<>();
        AtomicInteger measuring = new AtomicInteger();
        Disposable.Composite streams = Disposables.composite();
        for (int i = 0; i < subscribers; i++) {
            long ticket = tickets[i];
            AtomicInteger first = new AtomicInteger();
            streams.add(client.get().uri(streamUrls[i]).accept(MediaType.TEXT_EVENT_STREAM).retrieve().bodyToFlux(SSE)
                .filter(e -> "position".equals(e.event()))
                .subscribe(e -> {
                    if (first.getAndIncrement() == 0) {
                        connected.countDown();
                    }
                    else if (measuring.get() == 1 && e.data().get("position") instanceof Number position) {
                        updates.add(new long[] {System.nanoTime(), ticket - position.longValue() + 1});
                    }
                }, e -> { }));
        }
        boolean allConnected = connected.await(60, TimeUnit.SECONDS);
        long connectedCount = subscribers - connected.getCount();

        Map<String, Long> before = commandCalls(redis);
        long probesBefore = probes.get();
        long start = System.nanoTime();
        measuring.set(1);
        Bench.queueSettings(client, admin, event, Map.of("paused", false));
        Thread.sleep(Duration.ofSeconds(seconds).toMillis());
        measuring.set(0);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Map<String, Long> after = commandCalls(redis);
        long ownCalls = (probes.get() - probesBefore) + 2;
        long serviceCalls = after.values().stream().mapToLong(Long::longValue).sum()
            - before.values().stream().mapToLong(Long::longValue).sum() - ownCalls;

        StringBuilder top = new StringBuilder();
        after.entrySet().stream()
            .map(e -> Map.entry(e.getKey().replace("cmdstat_", ""), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
            .filter(e -> e.getValue() > 0)
            .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
            .limit(8)
            .forEach(e -> top.append(' ').append(e.getKey()).append('=').append(String.format("%.1f/s", e.getValue() / elapsed)));
        System.out.printf("  [%d subscribers] redis commands by name (incl. calls inside scripts and %d probes):%s%n", subscribers, ownCalls, top);

        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);

        streams.dispose();
        probe.dispose();
        Bench.queueSettings(client, admin, event, Map.of("paused", true));

        long[] lags;
        synchronized (heads) {
            lags = updates.stream().mapToLong(u -> lag(heads, u[0], u[1])).filter(l -> l >= 0).sorted().toArray();
        }
        if (!allConnected) {
            System.out.printf("  only %d of %d streams delivered a first position within 60 s%n", connectedCount, subscribers);
        }
        return new Phase(subscribers, connectedCount, lags, serviceCalls / elapsed, heap);
    }

    /** The line's first entry, or null when the probe is being stopped. */
    private static java.util.Set<org.springframework.data.redis.core.ZSetOperations.TypedTuple<String>> probeHead(StringRedisTemplate redis, QueueKeys keys) {
        try {
            return redis.opsForZSet().rangeWithScores(keys.line(), 0, 0);
        }
        catch (RuntimeException interruptedByDispose) {
            return null;
        }
    }

    /** Nanoseconds from the moment the head first reached {@code head} to {@code receivedAt}; -1 when unknown. */
    private static long lag(List<long[]> heads, long receivedAt, long head) {
        for (long[] change : heads) {
            if (change[1] >= head) {
                return Math.max(0, receivedAt - change[0]);
            }
        }
        return -1;
    }

    private static Map<String, Long> commandCalls(StringRedisTemplate redis) {
        try (RedisConnection connection = redis.getConnectionFactory().getConnection()) {
            Properties stats = connection.serverCommands().info("commandstats");
            Map<String, Long> calls = new java.util.TreeMap<>();
            stats.forEach((name, value) -> {
                String text = value.toString();
                int at = text.indexOf("calls=");
                if (at >= 0) {
                    calls.put(name.toString(), Long.parseLong(text.substring(at + 6, text.indexOf(',', at))));
                }
            });
            return calls;
        }
    }

    private record Phase(int subscribers, long connected, long[] lags, double redisCommandsPerSecond, long heapMib) {

        void print() {
            String p50 = lags.length == 0 ? "-" : String.format("%.0f", Bench.percentile(lags, 50));
            String p99 = lags.length == 0 ? "-" : String.format("%.0f", Bench.percentile(lags, 99));
            String max = lags.length == 0 ? "-" : String.format("%.0f", lags[lags.length - 1] / 1e6);
            System.out.printf("%-12d %10d %9d %13s %13s %13s %15.1f %12d%n", subscribers, connected, lags.length, p50, p99, max,
                redisCommandsPerSecond, heapMib);
        }
    }
}
