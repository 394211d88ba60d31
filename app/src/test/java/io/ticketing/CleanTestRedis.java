package io.ticketing;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Empties the tests' own Redis database when the test context starts. The test database in MySQL
 * may be new (a fresh machine, or dropped by hand) while Redis still holds waiting rooms of an
 * earlier run under the same event ids; leftovers would then stand in the new runs' lines.
 */
@TestConfiguration(proxyBeanMethods = false)
public class CleanTestRedis {

    @Bean
    InitializingBean flushTestRedisDatabase(RedisConnectionFactory redis, @Value("${spring.data.redis.database:0}") int database) {
        return () -> {
            if (database == 0) {
                throw new IllegalStateException("Tests must not run on Redis database 0, the service's own");
            }
            try (var connection = redis.getConnection()) {
                connection.serverCommands().flushDb();
            }
        };
    }
}
