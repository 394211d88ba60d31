package io.ticketing.bench.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A Redis server of the fault run's own, so that it can really be stopped and started again.
 * Append-only file with fsync on every write: a restart keeps the waiting line, as a managed
 * Redis with persistence or a replica would. It can also be made to forget everything, as a
 * failover to a replica that missed the writes or a restart without persistence does.
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
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile())).start();
        awaitPort(true);
    }

    /** SHUTDOWN, as a restart does: the append-only file is complete, the clients are cut off. */
    void stop() throws IOException, InterruptedException {
        cli("shutdown");
        process.waitFor();
        awaitPort(false);
    }

    /** FLUSHALL: every key gone at once, the server and its clients' connections untouched. */
    void flushAll() throws IOException, InterruptedException {
        cli("flushall");
    }

    /**
     * SHUTDOWN NOSAVE, the append-only file and any snapshot deleted, then started again: a restart
     * without persistence, which comes back empty and cuts every client off on the way.
     */
    void restartEmpty() throws IOException, InterruptedException {
        cli("shutdown", "nosave");
        process.waitFor();
        awaitPort(false);
        // Redis 7 keeps its append-only files in a directory of their own (appenddirname); older ones beside the log.
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                String name = file.getFileName().toString();
                if (!file.equals(dir) && !name.equals("redis.log")) {
                    Files.delete(file);
                }
            }
        }
        start();
    }

    private void cli(String... command) throws IOException, InterruptedException {
        String[] line = new String[command.length + 3];
        line[0] = "redis-cli";
        line[1] = "-p";
        line[2] = Integer.toString(port);
        System.arraycopy(command, 0, line, 3, command.length);
        new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
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
