package io.ticketing.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.ticketing.TicketingApplication;

/**
 * Shared plumbing for the benchmark commands: the machine header, an in-process service on a
 * random port, and a closed-loop load runner that reports percentiles. Benchmarks print figures;
 * they never pass or fail on a number.
 */
public final class Bench {

    private Bench() {
    }

    public static void header(String title, String command) {
        System.out.println("== " + title);
        System.out.println("command: " + command);
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
            + memoryGib() + " GiB RAM, " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
            + ", Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        System.out.println("jvm: max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, args "
            + ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.println();
    }

    /** Starts the whole service in this JVM against the local MariaDB and Redis. */
    public static ConfigurableApplicationContext startService(Map<String, Object> properties) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--logging.level.root=WARN", "--logging.level.io.ticketing=WARN"));
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        return new SpringApplication(TicketingApplication.class).run(args.toArray(String[]::new));
    }

    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    public static int intProperty(String name, int fallback) {
        return Integer.parseInt(System.getProperty(name, Integer.toString(fallback)));
    }

    /** Runs calls back to back for {@code duration} at {@code concurrency}, discarding the figures: JIT warm-up. */
    public static void warmUp(Duration duration, int concurrency, Supplier<Mono<Integer>> call) {
        System.out.printf("warm-up: %d s at concurrency %d ...%n", duration.toSeconds(), concurrency);
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicLong done = new AtomicLong();
        Flux.range(0, concurrency)
            .flatMap(worker -> Mono.defer(call::get).onErrorReturn(-1).repeat(() -> System.nanoTime() < deadline), concurrency)
            .doOnNext(status -> done.incrementAndGet())
            .blockLast();
        System.out.printf("warm-up: %d requests done%n%n", done.get());
    }

    /** Sends {@code requests} calls with at most {@code concurrency} in flight; a call answers its HTTP status. */
    public static Result measure(String name, int requests, int concurrency, Supplier<Mono<Integer>> call) {
        long[] latencies = new long[requests];
        AtomicInteger index = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        Flux.range(0, requests)
            .flatMap(i -> Mono.defer(() -> {
                long t0 = System.nanoTime();
                return call.get()
                    .onErrorReturn(-1)
                    .doOnNext(status -> {
                        latencies[index.getAndIncrement()] = System.nanoTime() - t0;
                        if (status < 200 || status >= 300) {
                            errors.incrementAndGet();
                        }
                    });
            }), concurrency)
            .blockLast();
        long elapsed = System.nanoTime() - start;
        long[] done = Arrays.copyOf(latencies, index.get());
        Arrays.sort(done);
        return new Result(name, done.length, errors.get(), percentile(done, 50), percentile(done, 99), done[done.length - 1] / 1e6,
            done.length / (elapsed / 1e9));
    }

    private static double percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(rank, sorted.length - 1))] / 1e6;
    }

    private static long memoryGib() {
        try {
            String line = Files.readAllLines(Path.of("/proc/meminfo")).get(0);
            return Long.parseLong(line.replaceAll("\\D+", "")) / (1024 * 1024);
        }
        catch (Exception e) {
            return -1;
        }
    }

    public record Result(String name, int requests, int errors, double p50Ms, double p99Ms, double maxMs, double perSecond) {

        public static void printHeader() {
            System.out.printf("%-28s %9s %7s %9s %9s %9s %10s%n", "scenario", "requests", "errors", "p50 ms", "p99 ms", "max ms", "req/s");
        }

        public void print() {
            System.out.printf("%-28s %9d %7d %9.2f %9.2f %9.2f %10.0f%n", name, requests, errors, p50Ms, p99Ms, maxMs, perSecond);
        }
    }
}
