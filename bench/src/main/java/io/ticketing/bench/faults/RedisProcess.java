package io.ticketing.bench.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A Redis server of the fault run's own, so that it can really be stopped and started again.
 * Append-only file with fsync on every write: a restart keeps the waiting line, as a managed
 * Redis with persistence or a replica would.
 */
final class RedisProcess implements AutoCloseable {

    private final int port;
    private final Path dir;
    private Process process;

    RedisProcess() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            this.port = free.getLocalPort();
        }
        this.dir = Files.createTempDirectory("faults-redis");
        start();
    }

    int port() {
        return port;
    }

    void start() throws IOException {
        process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString(),
            "--appendonly", "yes", "--appendfsync", "always", "--save", "")
            .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        awaitPort(true);
    }

    /** SHUTDOWN, as a restart does: the append-only file is complete, the clients are cut off. */
    void stop() throws IOException, InterruptedException {
        new ProcessBuilder("redis-cli", "-p", Integer.toString(port), "shutdown").start().waitFor();
        process.waitFor();
        awaitPort(false);
    }

    private void awaitPort(boolean open) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                if (open) {
                    return;
                }
            }
            catch (IOException e) {
                if (!open) {
                    return;
                }
            }
            try {
                Thread.sleep(50);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IOException("redis-server on port " + port + " did not " + (open ? "start" : "stop") + " within 10 s");
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
        }
    }
}
