package io.ticketing.redis;

import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The prefix in front of every Redis key and pub/sub channel of this deployment, so that a local
 * run, a test run and a benchmark sharing one Redis (even one database of it) never read each
 * other's lines, limits or caches. It defaults to the database's name (application.yml): two
 * deployments that share a MySQL database share their rows, and so must share their Redis state too.
 *
 * <p>It goes in front of a key's hash tag, never inside it ({@code ticketing:{event:42}:line}), so a
 * key's cluster slot is still its tag's alone. Braces could make a tag of their own and glob
 * characters would widen the admissions channel's pattern, so only a plain name is accepted.
 *
 * @param keyPrefix the prefix, without the ':' that separates it from the key
 */
@ConfigurationProperties("ticketing.redis")
public record RedisKeys(String keyPrefix) {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.\\-]+");

    public RedisKeys {
        if (keyPrefix == null || !PLAIN.matcher(keyPrefix).matches()) {
            throw new IllegalArgumentException("ticketing.redis.key-prefix (REDIS_KEY_PREFIX) must be letters, digits, '_', '-' or '.', not '"
                + keyPrefix + "'");
        }
    }

    /** The key (or channel) {@code name} of this deployment. */
    public String key(String name) {
        return keyPrefix + ":" + name;
    }
}
