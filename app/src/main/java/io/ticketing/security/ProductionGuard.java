package io.ticketing.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.ticketing.security.AuthProperties;

/**
 * Refuses to start a production instance on a secret anyone can read: a value committed to the
 * repository (the build stores the SHA-256 of each one in the jar, app/src/build/CommittedSecrets.java),
 * a value marked dev-only, or no password at all. With the JWT key an attacker signs ADMIN tokens and,
 * since the admission passes' key derives from it, passes; with a datastore's password, anything.
 */
@Component
@Profile("prod")
class ProductionGuard implements InitializingBean {

    static final String COMMITTED_SECRETS = "io/ticketing/security/committed-secrets.sha256";

    private final AuthProperties auth;
    private final Environment environment;

    ProductionGuard(AuthProperties auth, Environment environment) {
        this.auth = auth;
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        Set<String> committed = committedDigests();
        refuseKnown("JWT_SECRET", auth.jwtSecret(), committed);
        refuseKnown("ADMIN_PASSWORD", auth.adminPassword(), committed);
        refuseKnown("DB_PASSWORD", environment.getProperty("spring.r2dbc.password"), committed);
        refuseKnown("SPRING_FLYWAY_PASSWORD", environment.getProperty("spring.flyway.password"), committed);
        refuseKnown("REDIS_PASSWORD", environment.getProperty("spring.data.redis.password"), committed);
    }

    /** The message names the variable, never the value: it ends up in logs. */
    private static void refuseKnown(String variable, String value, Set<String> committed) {
        if (value == null || value.isBlank()) {
            throw refused(variable, "is empty");
        }
        if (value.toLowerCase(Locale.ROOT).contains("dev-only")) {
            throw refused(variable, "is marked dev-only");
        }
        if (committed.contains(sha256(value))) {
            throw refused(variable, "is a value committed to the repository");
        }
    }

    private static IllegalStateException refused(String variable, String why) {
        return new IllegalStateException("Refusing to start with the prod profile: " + variable + " " + why
            + "; set it to a secret generated for this environment (JWT_SECRET: 32+ bytes)");
    }

    /** Without the digests the guard could not tell a committed secret: refuse rather than trust. */
    static Set<String> committedDigests() {
        try (InputStream in = ProductionGuard.class.getClassLoader().getResourceAsStream(COMMITTED_SECRETS)) {
            if (in == null) {
                throw new IllegalStateException("Refusing to start with the prod profile: " + COMMITTED_SECRETS
                    + " is missing from the build, so committed secrets cannot be recognised");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + COMMITTED_SECRETS, e);
        }
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
