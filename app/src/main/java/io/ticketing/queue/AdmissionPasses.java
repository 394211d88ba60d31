package io.ticketing.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.ticketing.web.Problems;
import io.ticketing.security.AuthProperties;
import io.ticketing.security.Signer;

/**
 * Signed grants bound to one user and one event, checked by any instance with the shared key
 * alone, without a Redis round trip:
 * <ul>
 * <li>the <b>admission pass</b>, required on every seat hold;</li>
 * <li>the <b>stream ticket</b> in the SSE URL, since a browser's {@code EventSource} cannot send an
 * Authorization header. A URL ends up in proxy logs and browser history, and whoever holds the ticket
 * takes its owner's stream slots, so a ticket opens streams for a few minutes only
 * ({@code ticketing.queue.stream-ticket-ttl}): every status answer carries a fresh one, and so does
 * the stream itself, while its owner waits.</li>
 * </ul>
 * A grant is {@code base64url(v1.<purpose>.<user>.<event>.<expiry>[.<lane>[.<place>]])} and its HMAC-SHA256,
 * under a key derived from {@code JWT_SECRET} for grants only. Every entry issues one and every hold checks
 * one, so they are built for speed: a few microseconds, against tens for a JWT. The purpose inside
 * the signed part keeps a stream ticket from working as a pass, and access tokens are not grants.
 * A grant from a presale lane's line names the lane ({@link Room}): its holds take only the lane's
 * seats. Grants of the public line have no lane part, as before lanes existed.
 * <p>
 * A stream ticket also carries the waiter's {@link Place}: their line ticket (0 in the pre-queue),
 * which puts them back where they were when Redis forgets the line (restore.lua). It proves the
 * place after the ticket stopped opening streams too: it only ever speaks for its own user. A place in
 * the door's infinite line is signed under a key of its own, so that nothing the client can read
 * tells it from a place in the real line, and nothing it can forge turns one into the other.
 */
@Component
public class AdmissionPasses {

    static final String PASS = "pass";
    static final String STREAM = "stream";
    private static final String RENEW_PASS = "enter the waiting room again";
    private final Signer signer;
    private final Signer limboSigner;
    private final Clock clock;
    private final Duration streamTicketTtl;

    AdmissionPasses(AuthProperties auth, QueueProperties queue, Clock clock) {
        this.signer = Signer.forPurpose(auth, "ticketing admission grants v1");
        this.limboSigner = Signer.forPurpose(auth, "ticketing infinite line places v1");
        this.clock = clock;
        this.streamTicketTtl = queue.streamTicketTtl();
    }

    /** A pass of the event's public line. */
    public String issuePass(long userId, long eventId, Instant expiresAt) {
        return issuePass(userId, Room.publicLine(eventId), expiresAt);
    }

    public String issuePass(long userId, Room room, Instant expiresAt) {
        return issue(PASS, userId, room, expiresAt);
    }

    /** A fresh stream ticket of the event's public line, without a place, good for {@code stream-ticket-ttl} from now. */
    public StreamTicket issueStreamTicket(long userId, long eventId) {
        return issueStreamTicket(userId, Room.publicLine(eventId), null);
    }

    /** A fresh stream ticket, good for {@code stream-ticket-ttl} from now, carrying the waiter's {@code place} (null: none). */
    public StreamTicket issueStreamTicket(long userId, Room room, Place place) {
        // Whole seconds, as the ticket carries it.
        Instant expiresAt = clock.instant().plus(streamTicketTtl).truncatedTo(ChronoUnit.SECONDS);
        String grant = grant(STREAM, userId, room, expiresAt);
        String value = place == null ? signer.sign(grant)
            : (place.kind() == Place.Kind.LIMBO ? limboSigner : signer).sign(grant + (room.isLane() ? "" : "." + Room.PUBLIC) + "." + place.ticket());
        return new StreamTicket(value, userId, room, expiresAt, place);
    }

    /**
     * Checks that {@code pass} is genuine, unexpired and was issued to this user for this event.
     *
     * @throws org.springframework.web.ErrorResponseException 403 with the reason otherwise
     */
    public void verifyPass(String pass, long userId, long eventId) {
        if (!currentPass(pass, userId, eventId).current()) {
            throw expired();
        }
    }

    /**
     * Checks that {@code pass} is genuine and was issued to this user for this event, and answers
     * the line it admits to and whether it is still current: an expired one may yet carry a retry of
     * a hold it admitted. One signature check, as a hold makes it.
     *
     * @throws org.springframework.web.ErrorResponseException 403 with the reason otherwise
     */
    VerifiedPass currentPass(String pass, long userId, long eventId) {
        if (pass == null || pass.isBlank()) {
            throw refused("admission-required", "An admission pass is required: enter the waiting room first");
        }
        Grant grant = genuine(pass, PASS, eventId, "admission-required", "The admission pass");
        if (grant.userId() != userId) {
            throw refused("admission-required", "The admission pass belongs to another user");
        }
        return new VerifiedPass(new Room(eventId, grant.lane()), current(grant));
    }

    /** A genuine pass of this user: the line it admits to, and whether it has not expired yet. */
    public record VerifiedPass(Room room, boolean current) {
    }

    /** The refusal of an expired pass, as {@link #verifyPass} words it. */
    static RuntimeException expired() {
        return refused("admission-required", "The admission pass has expired; " + RENEW_PASS);
    }

    /** The stream ticket, once it is checked to be genuine, unexpired and for this event. */
    public StreamTicket verifyStreamTicket(String ticket, long eventId) {
        if (ticket == null || ticket.isBlank()) {
            throw Problems.of(HttpStatus.UNAUTHORIZED, "stream-ticket",
                "The stream URL needs its 'ticket' parameter; take streamUrl from POST /api/v1/events/{id}/queue");
        }
        Grant grant = verify(ticket, STREAM, eventId, "stream-ticket", "The stream ticket",
            "take a fresh streamUrl from GET /api/v1/events/" + eventId + "/queue/me");
        return new StreamTicket(ticket.strip(), grant.userId(), new Room(eventId, grant.lane()), grant.expiresAt(), grant.place());
    }

    /**
     * The place {@code ticket}, a stream ticket of this user for this line, carries, expired or not: a
     * poll's proof of where its waiter stood. Null when the ticket carries none.
     *
     * @throws org.springframework.web.ErrorResponseException 403 {@code stream-ticket} when it is not one of this user's for this line
     */
    Place placeIn(String ticket, long userId, Room room) {
        Grant grant = genuine(ticket, STREAM, room.eventId(), "stream-ticket", "The stream ticket");
        if (grant.userId() != userId || grant.lane() != room.lane()) {
            throw refused("stream-ticket", "The stream ticket is another user's, or another line's");
        }
        return grant.place();
    }

    /** A stream ticket and what it stands for; {@code place} null when it carries none. */
    public record StreamTicket(String value, long userId, Room room, Instant expiresAt, Place place) {

        public long eventId() {
            return room.eventId();
        }
    }

    private String issue(String purpose, long userId, Room room, Instant expiresAt) {
        return signer.sign(grant(purpose, userId, room, expiresAt));
    }

    private static String grant(String purpose, long userId, Room room, Instant expiresAt) {
        String grant = "v1." + purpose + "." + userId + "." + room.eventId() + "." + expiresAt.getEpochSecond();
        return room.isLane() ? grant + "." + room.lane() : grant;
    }

    /** The grant, or a 403 whose detail says what is wrong, and when it expired, how to get another ({@code renew}). */
    private Grant verify(String token, String purpose, long eventId, String slug, String what, String renew) {
        Grant grant = genuine(token, purpose, eventId, slug, what);
        if (!current(grant)) {
            throw refused(slug, what + " has expired; " + renew);
        }
        return grant;
    }

    /** The grant if it is ours, for this purpose and this event, expired or not; else a 403 whose detail says what is wrong. */
    private Grant genuine(String token, String purpose, long eventId, String slug, String what) {
        Grant grant = parse(token.strip());
        if (grant == null) {
            throw refused(slug, what + " is not valid: it is malformed or its signature does not match");
        }
        if (!grant.purpose().equals(purpose)) {
            throw refused(slug, what + " is not valid: it was issued for something else");
        }
        if (grant.eventId() != eventId) {
            throw refused(slug, what + " is for another event");
        }
        return grant;
    }

    private boolean current(Grant grant) {
        return clock.instant().isBefore(grant.expiresAt());
    }

    /**
     * The grant, or null when the token is not one of ours: any malformation is a refusal, never a
     * 500. Only a stream ticket with a place may be signed by the infinite line's key.
     */
    private Grant parse(String token) {
        String payload = signer.payload(token);
        boolean limbo = payload == null;
        if (limbo) {
            payload = limboSigner.payload(token);
        }
        if (payload == null) {
            return null;
        }
        String[] parts = payload.split("\\.");
        if (parts.length < 5 || parts.length > 7 || !parts[0].equals("v1") || (limbo && parts.length != 7)) {
            return null;
        }
        try {
            long lane = parts.length >= 6 ? Long.parseLong(parts[5]) : Room.PUBLIC;
            long ticket = parts.length == 7 ? Long.parseLong(parts[6]) : 0;
            if (lane < Room.PUBLIC || ticket < 0 || (parts.length == 7 && !parts[1].equals(STREAM))) {
                return null;
            }
            Place place = parts.length < 7 ? null
                : new Place(limbo ? Place.Kind.LIMBO : ticket == 0 ? Place.Kind.PRE : Place.Kind.LINE, ticket);
            return new Grant(parts[1], Long.parseLong(parts[2]), Long.parseLong(parts[3]), lane, Instant.ofEpochSecond(Long.parseLong(parts[4])), place);
        }
        catch (NumberFormatException e) {
            return null;
        }
    }

    private record Grant(String purpose, long userId, long eventId, long lane, Instant expiresAt, Place place) {
    }

    private static RuntimeException refused(String slug, String detail) {
        return Problems.of(HttpStatus.FORBIDDEN, slug, detail);
    }
}
