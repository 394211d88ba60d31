package io.ticketing.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The door's puzzle from the client's side, as the API states it: a {@code counter} solves a
 * {@code challenge} at {@code bits} when SHA-256 of the UTF-8 of {@code challenge + ":" + counter}
 * begins with that many zero bits. What tests and load generators use to enter with the door on, and
 * to check a browser's answers; written from the contract, not from the service's own check, so the
 * two keep each other honest.
 */
public final class ProofOfWorkSolver {

    private ProofOfWorkSolver() {
    }

    /** Whether {@code counter} solves {@code challenge} at {@code bits}; any counter solves 0 bits. */
    public static boolean solves(String challenge, String counter, int bits) {
        return startsWithZeroBits(sha256(challenge + ":" + counter), bits);
    }

    /** Whether {@code digest} begins with {@code bits} zero bits. */
    public static boolean startsWithZeroBits(byte[] digest, int bits) {
        int i = 0;
        for (; bits >= 8; bits -= 8, i++) {
            if (digest[i] != 0) {
                return false;
            }
        }
        return bits <= 0 || (digest[i] & 0xff) >>> (8 - bits) == 0;
    }

    /** The first counter from 0 up that solves {@code challenge} at {@code bits}, as the buyer's page searches. */
    public static String solve(String challenge, int bits) {
        for (long counter = 0; ; counter++) {
            String candidate = Long.toString(counter);
            if (solves(challenge, candidate, bits)) {
                return candidate;
            }
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
