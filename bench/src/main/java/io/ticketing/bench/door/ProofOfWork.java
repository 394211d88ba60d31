package io.ticketing.bench.door;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The door's puzzle as the contract states it, in this JVM: SHA-256 of the UTF-8 of
 * {@code challenge + ":" + counter} begins with {@code bits} zero bits. Checks the browser's answers,
 * and solves the generator's challenges before a measured window.
 */
final class ProofOfWork {

    private ProofOfWork() {
    }

    static boolean solves(String challenge, String counter, int bits) {
        return startsWithZeroBits(sha256(challenge + ":" + counter), bits);
    }

    /** The first counter from 0 up that solves {@code challenge}. */
    static String solve(String challenge, int bits) {
        for (long counter = 0; ; counter++) {
            String candidate = Long.toString(counter);
            if (solves(challenge, candidate, bits)) {
                return candidate;
            }
        }
    }

    static boolean startsWithZeroBits(byte[] digest, int bits) {
        int i = 0;
        for (; bits >= 8; bits -= 8, i++) {
            if (digest[i] != 0) {
                return false;
            }
        }
        return bits == 0 || (digest[i] & 0xff) >>> (8 - bits) == 0;
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
