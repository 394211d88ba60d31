package io.ticketing.bench.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import io.ticketing.bench.Backends;
import io.ticketing.bench.Bench;
import io.ticketing.bench.CpuMeter;
import io.ticketing.bench.Measured;
import io.ticketing.bench.Result;
import io.ticketing.bench.ServiceProcess;

/**
 * Many waiters on one instance listening to their positions over SSE while the line moves. An
 * operation is one position update delivered to a waiter: its latency is the lag between the line
 * moving in Redis and the waiter seeing its new position. For each subscriber count it also prints
 * the Redis commands per second the service issued (from {@code INFO commandstats}, minus this
 * benchmark's own probes), the service process's resident memory and the heap its last collection left live.
 *
 * <pre>bench/run queue-stream [-Dbench.subscribers=100,5000 -Dbench.seconds=20 -Dbench.warmup=30]</pre>
 */
public final class QueueStreamBenchmark {

    /** Streams connecting at once. */
    private static final int OPENING = 256;
    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE = new ParameterizedTypeReference<>() {
    };
    /** How often the line's head is read from Redis: these reads show in the redis column too, about 50 a second. */
    private static final Duration PROBE_EVERY = Duration.ofMillis(20);
    private static final int ADMISSIONS_PER_SECOND = 4;

    private QueueStreamBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream(System.getProperty("bench.subscribers", "100,5000").split(",")).mapToInt(Integer::parseInt).toArray();
        int seconds = Bench.intProperty("bench.seconds", 20);
        int warmup = Bench.warmupSeconds();
        Bench.header("Waiting room: SSE fan-out for " + Arrays.toString(sizes) + " subscribers on one instance",
            "bench/run queue-stream -Dbench.subscribers=" + System.getProperty("bench.subscribers", "100,5000")
                + " -Dbench.seconds=" + seconds + " -Dbench.warmup=" + warmup);

        Backends.emptyRedis(Bench.REDIS_DATABASE);
        StringRedisTemplate redis = Backends.redis(Bench.REDIS_DATABASE);
        List<Measured> rows = new ArrayList<>();
        try (ServiceProcess service = ServiceProcess.packaged("service", Bench.BENCH_SERVICE)) {
            CpuMeter cpu = CpuMeter.watching(service, Backends.REDIS_PORT);
            int most = Arrays.stream(sizes).max().orElse(100);
            WebClient client = Bench.client(service.baseUrl(), most + 512);
            long runId = System.currentTimeMillis() % 1_000_000 * 100_000;

            System.out.printf("warm-up: %d subscribers for %d s ...%n", most, warmup);
            try (Phase warm = new Phase(service, client, redis, runId + 90_000_000L, most)) {
                warm.window(warmup);
            }
            for (int i = 0; i < sizes.length; i++) {
                try (Phase phase = new Phase(service, client, redis, runId + i * 10_000_000L, sizes[i])) {
                    rows.add(cpu.measure(() -> phase.window(seconds)));
                }
            }
        }
        Measured.print(rows);
        System.exit(0);
    }

    /**
     * One event's waiting room, paused, with {@code subscribers} waiters entered and listening on
     * their streams, and the line's head probed from Redis; {@link #window} lets the line move.
     */
    private static final class Phase implements AutoCloseable {

        private final ServiceProcess service;
        private final WebClient client;
        private final StringRedisTemplate redis;
        private final int subscribers;
        private final String admin = Bench.accessToken(1, "ADMIN");
        private final long event;
        /** The line's head over time: when it first reached each value, in this JVM's nanoTime. */
        private final List<long[]> heads = new ArrayList<>();
        private final AtomicLong probes = new AtomicLong();
        private final ConcurrentLinkedQueue<long[]> updates = new ConcurrentLinkedQueue<>();
        private final AtomicInteger measuring = new AtomicInteger();
        private final Disposable.Composite streams = Disposables.composite();
        private final long connected;

        Phase(ServiceProcess service, WebClient client, StringRedisTemplate redis, long firstUser, int subscribers) throws InterruptedException {
            this.service = service;
            this.client = client;
            this.redis = redis;
            this.subscribers = subscribers;
            this.event = QueueBenchSupport.saleEvent(client, admin, "Stream bench " + firstUser, 50_000);
            Bench.queueSettings(client, admin, event, Map.of("paused", true, "admissionRatePerSecond", ADMISSIONS_PER_SECOND,
                "maxActive", 1_000_000));

            // Enter while paused: with nobody admitted yet, each waiter's ticket is its position.
            String[] streamUrls = new String[subscribers];
            long[] tickets = new long[subscribers];
            Flux.range(0, subscribers)
                .flatMap(i -> client.post().uri("/api/v1/events/{id}/queue", event)
                    .headers(h -> h.setBearerAuth(Bench.accessToken(firstUser + i, "USER")))
                    .retrieve().bodyToMono(Map.class)
                    .doOnNext(snapshot -> {
                        streamUrls[i] = (String) snapshot.get("streamUrl");
                        tickets[i] = ((Number) snapshot.get("position")).longValue();
                    }), 64)
                .blockLast();

            // The waiting line's key in the service's layout: the event's hash tag, then "line".
            String line = Bench.redisKey("{event:" + event + "}:line");
            streams.add(Flux.interval(PROBE_EVERY).onBackpressureDrop().subscribe(tick -> probeHead(line)));

            // A crowd connects OPENING streams at a time, each waiting for its first position; a
            // stream the service refuses for now (503 overloaded) tries again a second later, as the page does.
            CountDownLatch firstPositions = new CountDownLatch(subscribers);
            Flux.range(0, subscribers).flatMap(i -> {
                long ticket = tickets[i];
                AtomicInteger seen = new AtomicInteger();
                Sinks.Empty<Void> opened = Sinks.empty();
                streams.add(client.get().uri(streamUrls[i]).accept(MediaType.TEXT_EVENT_STREAM).retrieve().bodyToFlux(SSE)
                    .retryWhen(Retry.fixedDelay(60, Duration.ofSeconds(1))
                        .filter(e -> e instanceof WebClientResponseException refused && refused.getStatusCode().value() == 503))
                    .filter(e -> "position".equals(e.event()))
                    .subscribe(e -> {
                        if (seen.getAndIncrement() == 0) {
                            firstPositions.countDown();
                            opened.tryEmitEmpty();
                        }
                        else if (measuring.get() == 1 && e.data().get("position") instanceof Number position) {
                            updates.add(new long[] {System.nanoTime(), ticket - position.longValue() + 1});
                        }
                    }, e -> opened.tryEmitEmpty()));
                return opened.asMono();
            }, OPENING).take(Duration.ofMinutes(3)).blockLast();
            firstPositions.await(60, TimeUnit.SECONDS);
            this.connected = subscribers - firstPositions.getCount();
        }

        /** Unpauses the line for {@code seconds}: the updates the waiters received then, by lag. */
        Result window(int seconds) {
            Map<String, Long> before = commandCalls();
            long probesBefore = probes.get();
            long start = System.nanoTime();
            measuring.set(1);
            Bench.queueSettings(client, admin, event, Map.of("paused", false));
            try {
                Thread.sleep(Duration.ofSeconds(seconds).toMillis());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            measuring.set(0);
            long elapsed = System.nanoTime() - start;
            Map<String, Long> after = commandCalls();
            printDetails(before, after, probes.get() - probesBefore + 2, elapsed / 1e9);

            long[] lags;
            synchronized (heads) {
                lags = updates.stream().mapToLong(u -> lag(u[0], u[1])).filter(l -> l >= 0).toArray();
            }
            return Result.of(subscribers + " subscribers, updates", lags, 0, elapsed);
        }

        private void printDetails(Map<String, Long> before, Map<String, Long> after, long ownCalls, double elapsed) {
            long serviceCalls = after.values().stream().mapToLong(Long::longValue).sum()
                - before.values().stream().mapToLong(Long::longValue).sum() - ownCalls;
            StringBuilder top = new StringBuilder();
            after.entrySet().stream()
                .map(e -> Map.entry(e.getKey().replace("cmdstat_", ""), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .limit(8)
                .forEach(e -> top.append(' ').append(e.getKey()).append('=').append(String.format("%.1f/s", e.getValue() / elapsed)));
            System.out.printf("  [%d subscribers] %d of them got a first position; the service's redis commands: %.1f/s; its resident memory: %d MiB,"
                + " live heap after the last collection: %d MiB%n"
                + "  by name (incl. calls inside scripts and %d probes):%s%n", subscribers, connected, serviceCalls / elapsed,
                service.residentMib(), service.liveHeapMib(), ownCalls, top);
        }

        /** Records the line's first entry when it changed; a read that fails as the probe is stopped is skipped. */
        private void probeHead(String line) {
            Set<TypedTuple<String>> first;
            try {
                first = redis.opsForZSet().rangeWithScores(line, 0, 0);
            }
            catch (RuntimeException interruptedByDispose) {
                return;
            }
            probes.incrementAndGet();
            if (first != null && !first.isEmpty()) {
                long head = first.iterator().next().getScore().longValue();
                synchronized (heads) {
                    if (heads.isEmpty() || heads.get(heads.size() - 1)[1] != head) {
                        heads.add(new long[] {System.nanoTime(), head});
                    }
                }
            }
        }

        /** Nanoseconds from the moment the head first reached {@code head} to {@code receivedAt}; -1 when unknown. */
        private long lag(long receivedAt, long head) {
            for (long[] change : heads) {
                if (change[1] >= head) {
                    return Math.max(0, receivedAt - change[0]);
                }
            }
            return -1;
        }

        private Map<String, Long> commandCalls() {
            try (RedisConnection connection = redis.getConnectionFactory().getConnection()) {
                Properties stats = connection.serverCommands().info("commandstats");
                Map<String, Long> calls = new TreeMap<>();
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

        /** Closes the streams and stops the probe, and pauses the line again so that its ticker rests. */
        @Override
        public void close() {
            streams.dispose();
            Bench.queueSettings(client, admin, event, Map.of("paused", true));
        }
    }
}
