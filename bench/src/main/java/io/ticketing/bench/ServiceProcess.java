package io.ticketing.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.ticketing.bench.holds.ReplacedDesign;

/**
 * One instance of the service in a JVM of its own, as production runs it: nothing is shared with
 * the load generator or another instance, its CPU time is its own in /proc, and stopping it is a
 * real SIGTERM.
 */
public final class ServiceProcess implements AutoCloseable {

    /** The packaged service; bench/run builds it and runs the benchmarks from the repository root. */
    private static final Path JAR = Path.of("app", "target", "ticketing.jar");
    /** Spring Boot's launcher that takes extra classes beside a packaged jar's ({@code loader.path}). */
    private static final String PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, Path directory, List<String> launch, String shownLaunch, Map<String, ?> settings)
        throws IOException, InterruptedException {
        try (ServerSocket free = new ServerSocket(0)) {
            this.port = free.getLocalPort();
        }
        List<String> arguments = new ArrayList<>(List.of("--server.port=" + port));
        new TreeMap<>(settings).forEach((key, value) -> arguments.add("--" + key + "=" + value));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(launch);
        command.addAll(arguments);
        this.log = Files.createTempFile("ticketing-" + name + "-", ".log");
        this.process = new ProcessBuilder(command).directory(directory == null ? null : directory.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        System.out.printf("%s: java %s %s%n  pid %d, log %s%n", name, shownLaunch, String.join(" ", arguments), process.pid(), log);
        awaitReady();
    }

    /** The packaged service, {@code app/target/ticketing.jar}. */
    public static ServiceProcess packaged(String name, Map<String, ?> settings) throws IOException, InterruptedException {
        requireJar();
        List<String> launch = new ArrayList<>(serviceOptions());
        launch.addAll(List.of("-jar", JAR.toString()));
        return new ServiceProcess(name, null, launch, String.join(" ", launch), settings);
    }

    /**
     * JVM options for the packaged service, {@code -Dbench.service.options="-XX:StartFlightRecording=..."}
     * for instance, to profile it under a benchmark's load; none by default.
     */
    private static List<String> serviceOptions() {
        String options = System.getProperty("bench.service.options", "").strip();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    /** The service as the image runs it: {@code java <options> -jar ticketing.jar} in the directory its layers were copied to. */
    public static ServiceProcess image(String name, Path directory, List<String> options, Map<String, ?> settings)
        throws IOException, InterruptedException {
        List<String> launch = new ArrayList<>(options);
        launch.addAll(List.of("-jar", "ticketing.jar"));
        return new ServiceProcess(name, directory, launch, "(in " + directory + ") " + String.join(" ", launch), settings);
    }

    /**
     * The packaged service with the replaced design's holds ({@link ReplacedDesign}): the jar
     * under Spring Boot's PropertiesLauncher, with this module's classes beside its own.
     */
    public static ServiceProcess replacedDesign(String name, Map<String, ?> settings) throws IOException, InterruptedException {
        requireJar();
        String classes;
        try {
            classes = Path.of(ReplacedDesign.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> launch = new ArrayList<>(serviceOptions());
        launch.addAll(List.of("-Dloader.path=" + classes, "-cp", JAR.toString(), PROPERTIES_LAUNCHER));
        Map<String, Object> replaced = new TreeMap<>(settings);
        replaced.put(ReplacedDesign.SWITCH, ReplacedDesign.EVENT_LOCK);
        return new ServiceProcess(name, null, launch, String.join(" ", launch), replaced);
    }

    private static void requireJar() {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the benchmarks with bench/run, which builds it");
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Where the service's output goes. */
    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    /** The service's resident memory (VmRSS), in MiB. */
    public long residentMib() {
        try {
            return Proc.residentKib(Files.readString(Path.of("/proc", Long.toString(process.pid()), "status"))) / 1024;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The heap the last collection left live, in MiB, as the service's own metrics tell it
     * ({@code jvm_gc_live_data_size_bytes}: the old generation after a collection); -1 when they do not.
     * Unlike the resident memory, this shows what the service keeps, not what the heap's size allows.
     */
    public long liveHeapMib() {
        try {
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/prometheus")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
            return metrics.body().lines()
                .filter(line -> line.startsWith("jvm_gc_live_data_size_bytes"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) / (1024 * 1024))
                .findFirst().orElse(-1);
        }
        catch (IOException e) {
            return -1;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** SIGTERM, then wait for the JVM to finish its graceful shutdown; answers how long it took. */
    public Duration terminate() throws InterruptedException {
        long started = System.nanoTime();
        process.destroy();
        process.waitFor(60, TimeUnit.SECONDS);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited during start-up; see " + log);
            }
            try {
                HttpResponse<Void> ready = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            }
            catch (IOException e) {
                // Not listening yet.
            }
            // Often, since the start-up benchmark reads the time to readiness off this loop.
            Thread.sleep(20);
        }
        throw new IllegalStateException("The service was not ready within 120 s; see " + log);
    }

    /**
     * Stops the service and waits for it, so that the next one (or the next benchmark) never runs
     * beside it. SIGTERM first, so that a flight recording asked for in bench.service.options is
     * written on exit; SIGKILL after 30 s.
     */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(60, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
