package io.ticketing.door;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.stereotype.Component;

import io.ticketing.security.AuthProperties;
import io.ticketing.security.Signer;

/**
 * Issues and checks the door's challenges without Redis: a challenge is
 * {@code base64url(door1.<event>.<user>.<bits>.<expiry ms>.<nonce>)} and its HMAC-SHA256 under a
 * key derived from {@code JWT_SECRET} for this purpose alone, so it cannot be forged, moved to
 * another user or event, eased to fewer bits, or kept past its expiry. Whether its nonce was used
 * before is the one thing only Redis knows: enter.lua asks, in the entry's own round trip.
 * <p>
 * A failed check is not an error: it is a {@link Verdict#NONE}, and the entry script sends the
 * entry to the infinite line while the door is on, answering as it answers any waiter, so a bot
 * learns nothing from the answer about what it got wrong.
 */
@Component
public class Challenges {

    private static final String VERSION = "door1";
    /** Longer than any challenge this service issues; a longer one is not parsed at all. */
    public static final int MAX_LENGTH = 256;

    private final Clock clock;
    private final Duration ttl;
    private final Signer signer;

    Challenges(AuthProperties auth, DoorProperties properties, Clock clock) {
        this.signer = Signer.forPurpose(auth, "ticketing door challenges v1");
        this.clock = clock;
        this.ttl = properties.challengeTtl();
    }

    /** A challenge for {@code userId} to enter event {@code eventId}, at the event's current difficulty {@code bits}. */
    public Challenge issue(long eventId, long userId, int bits) {
        Instant expiresAt = Instant.ofEpochMilli(clock.millis()).plus(ttl);
        // Unique, not secret: the signature is what nobody can make up, so a fast generator that
        // never reads the OS's entropy on the event loop is enough for 128 bits that never repeat.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String nonce = HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
        return new Challenge(signer.sign(VERSION + "." + eventId + "." + userId + "." + bits + "." + expiresAt.toEpochMilli() + "." + nonce),
            bits, expiresAt);
    }

    /**
     * What the solution {@code counter} of {@code challenge} proves for {@code userId} entering
     * {@code eventId}: the challenge's difficulty and nonce when it is ours, theirs, unexpired and
     * solved; else {@link Verdict#NONE}. Never throws on what a client sends.
     */
    public Verdict verify(String challenge, String counter, long eventId, long userId) {
        if (challenge == null || counter == null || challenge.length() > MAX_LENGTH) {
            return Verdict.NONE;
        }
        Parsed parsed = parse(challenge);
        long left = parsed == null ? 0 : parsed.expiresAtMs() - clock.millis();
        if (parsed == null || parsed.eventId() != eventId || parsed.userId() != userId || left <= 0
            || !ProofOfWork.solves(challenge, counter, parsed.bits())) {
            return Verdict.NONE;
        }
        return new Verdict(parsed.bits(), parsed.nonce(), Duration.ofMillis(left));
    }

    private Parsed parse(String challenge) {
        String payload = signer.payload(challenge);
        if (payload == null) {
            return null;
        }
        String[] parts = payload.split("\\.");
        if (parts.length != 6 || !parts[0].equals(VERSION)) {
            return null;
        }
        try {
            return new Parsed(Long.parseLong(parts[1]), Long.parseLong(parts[2]), Integer.parseInt(parts[3]), Long.parseLong(parts[4]), parts[5]);
        }
        catch (NumberFormatException e) {
            return null;
        }
    }

    /** What a client gets to solve. */
    public record Challenge(String challenge, int bits, Instant expiresAt) {
    }

    /**
     * The outcome of a check, for enter.lua: {@code provenBits} is the difficulty the solution met
     * (-1: none), compared there with the event's difficulty at that moment; {@code nonce} is
     * remembered there for {@code validFor} so that the solution works once.
     */
    public record Verdict(int provenBits, String nonce, Duration validFor) {

        public static final Verdict NONE = new Verdict(-1, null, Duration.ZERO);
    }

    private record Parsed(long eventId, long userId, int bits, long expiresAtMs, String nonce) {
    }
}
