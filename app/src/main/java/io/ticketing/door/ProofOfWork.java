package io.ticketing.door;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The door's puzzle: find a {@code counter} such that SHA-256(UTF-8 of {@code challenge + ":" + counter})
 * begins with {@code bits} zero bits. Checking costs one hash; finding takes about 2^bits of them,
 * which is nothing for one buyer's browser and a real bill for whoever enters by the hundred thousand.
 */
public final class ProofOfWork {

    /** The longest counter accepted: every unsigned 64-bit number fits, and nothing longer is worth hashing. */
    public static final int MAX_COUNTER_DIGITS = 20;

    private ProofOfWork() {
    }

    /** The leading zero bits of the hash of {@code challenge} and {@code counter}, 0 to 256. */
    public static int leadingZeroBits(String challenge, String counter) {
        byte[] hash = sha256().digest((challenge + ":" + counter).getBytes(StandardCharsets.UTF_8));
        int zeros = 0;
        for (byte b : hash) {
            if (b != 0) {
                return zeros + Integer.numberOfLeadingZeros(b & 0xff) - 24;
            }
            zeros += 8;
        }
        return zeros;
    }

    /** Whether {@code counter} solves {@code challenge} at {@code bits}; any counter solves 0 bits. */
    public static boolean solves(String challenge, String counter, int bits) {
        return bits <= 0 || leadingZeroBits(challenge, counter) >= bits;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
