package io.ticketing.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Admission passes signed outside the service with the JWT secret it is given, as its
 * AdmissionPasses signs them: load can then hold seats without walking the waiting room first.
 * The app's AdmissionPassTest checks that the service takes them.
 */
public final class TestPasses {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key;

    /** Passes the service started with {@code jwtSecret} (ticketing.auth.jwt-secret) accepts. */
    public TestPasses(String jwtSecret) {
        this.key = hmac(jwtSecret.getBytes(StandardCharsets.UTF_8), "ticketing admission grants v1".getBytes(StandardCharsets.US_ASCII));
    }

    /** A pass for {@code userId} to hold seats of {@code eventId} until {@code expiresAt}. */
    public String pass(long userId, long eventId, Instant expiresAt) {
        byte[] payload = ("v1.pass." + userId + "." + eventId + "." + expiresAt.getEpochSecond()).getBytes(StandardCharsets.US_ASCII);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(hmac(key, payload));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
