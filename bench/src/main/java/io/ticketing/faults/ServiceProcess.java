package io.ticketing.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One instance of the service as production runs it: the packaged jar in a JVM of its own, so
 * that stopping it is a real SIGTERM and nothing is shared with the other instance or the load.
 */
final class ServiceProcess implements AutoCloseable {

    /** The packaged service; bench/run builds it and runs this from the repository root. */
    private static final Path JAR = Path.of("app", "target", "ticketing.jar");

    private final int port;
    private final Process process;

    ServiceProcess(String name, Map<String, Object> settings) throws IOException, InterruptedException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the fault run with bench/run faults, which builds it");
        }
        try (ServerSocket free = new ServerSocket(0)) {
            this.port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString(), "--server.port=" + port));
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        Path log = Files.createTempFile("faults-" + name, ".log");
        this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitReady(log);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGTERM, then wait for the JVM to finish its graceful shutdown; answers how long it took. */
    Duration terminate() throws InterruptedException {
        long started = System.nanoTime();
        process.destroy();
        process.waitFor(60, TimeUnit.SECONDS);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private void awaitReady(Path log) throws IOException, InterruptedException {
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
            Thread.sleep(250);
        }
        throw new IllegalStateException("The service was not ready within 120 s; see " + log);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
