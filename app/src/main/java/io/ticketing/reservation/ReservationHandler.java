package io.ticketing.reservation;

import java.net.URI;
import java.util.HashSet;
import java.util.List;

import jakarta.validation.constraints.Positive;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.ticketing.queue.AdmissionPasses;
import io.ticketing.queue.Admissions;
import io.ticketing.web.Cursor;
import io.ticketing.config.Digests;
import io.ticketing.web.Problems;
import io.ticketing.ratelimit.RateLimits;
import io.ticketing.web.Requests;

@Component
class ReservationHandler {

    static final String PASS_HEADER = "Admission-Pass";
    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 100;

    private final ReservationService reservations;
    private final Admissions admissions;
    private final Requests requests;
    private final ReservationProperties properties;
    private final ReservationMetrics metrics;
    private final RateLimits limits;
    private final Offers offers;

    ReservationHandler(ReservationService reservations, Admissions admissions, Requests requests, ReservationProperties properties,
                       ReservationMetrics metrics, RateLimits limits, Offers offers) {
        this.offers = offers;
        this.metrics = metrics;
        this.limits = limits;
        this.reservations = reservations;
        this.admissions = admissions;
        this.requests = requests;
        this.properties = properties;
    }

    /** Holds seats with an admission pass, or takes an offer from the waiting list ({@code offerId}), which needs none. */
    Mono<ServerResponse> hold(ServerRequest request) {
        String pass = request.headers().firstHeader(PASS_HEADER);
        return (pass != null ? metrics.timed("hold", "held", Requests.userId(request).flatMap(userId -> {
                long eventId = Requests.pathId(request, "id");
                String key = idempotencyKey(request);
                // The pass is checked before the body is read: without one there is nothing to do.
                AdmissionPasses.VerifiedPass verified = admissions.verifyPass(pass, userId, eventId);
                return requests.body(request, HoldBody.class).map(this::checked)
                    .flatMap(body -> body.offerId() != null ? takeOffer(request, userId, eventId, body.offerId())
                        : hold(request, userId, eventId, key, verified, body));
            }))
            // An offer is its own grant, and one buyer's: without a pass, the body says whether it names one.
            : Requests.userId(request).flatMap(userId -> {
                long eventId = Requests.pathId(request, "id");
                String key = idempotencyKey(request);
                return requests.body(request, HoldBody.class).map(this::checked).flatMap(body -> body.offerId() != null
                    ? metrics.timed("offer", "taken", takeOffer(request, userId, eventId, body.offerId()))
                    : metrics.timed("hold", "held", Mono.fromCallable(() -> admissions.verifyPass(null, userId, eventId))
                        .flatMap(verified -> hold(request, userId, eventId, key, verified, body))));
            }))
            .flatMap(view -> ServerResponse.created(URI.create("/api/v1/reservations/" + view.id())).bodyValue(view));
    }

    /**
     * Takes an offer, under the hold limits of the account and the address (their own buckets: an
     * offer has no pass, so no hold gate): each try is a conditional UPDATE, and a client guessing
     * offer ids must not make them for free.
     */
    private Mono<ReservationView> takeOffer(ServerRequest request, long userId, long eventId, long offerId) {
        return limits.check(RateLimits.Action.HOLD, request, Long.toString(userId)).then(Mono.defer(() -> offers.take(userId, eventId, offerId)));
    }

    /** A hold with a verified pass, current or not: a presale lane's pass holds the lane's seats only, the public line's public seats only. */
    private Mono<ReservationView> hold(ServerRequest request, long userId, long eventId, String key, AdmissionPasses.VerifiedPass pass, HoldBody body) {
        RateLimits.Buckets buckets = limits.buckets(RateLimits.Action.HOLD, request);
        String hash = ReservationService.hash(eventId, body.seatIds(), body.quantity());
        // The gate knows a retry by its key and body: it reaches the reservation its first request made.
        return admissions.checkHold(userId, pass, Digests.sha256(key + "|" + hash), buckets)
            .then(Mono.defer(() -> reservations.hold(userId, eventId, pass.room().lane(), body.seatIds(), body.quantity(), key, hash)));
    }

    Mono<ServerResponse> confirm(ServerRequest request) {
        return metrics.timed("confirm", "confirmed", Requests.userId(request)
                .flatMap(userId -> {
                    idempotencyKey(request);
                    return reservations.confirm(userId, Requests.pathId(request, "id"));
                }))
            .flatMap(view -> ServerResponse.ok().bodyValue(view));
    }

    Mono<ServerResponse> cancel(ServerRequest request) {
        return metrics.timed("cancel", "cancelled", Requests.userId(request)
                .flatMap(userId -> reservations.cancel(userId, Requests.pathId(request, "id"))))
            .flatMap(view -> ServerResponse.ok().bodyValue(view));
    }

    Mono<ServerResponse> get(ServerRequest request) {
        return Requests.userId(request)
            .flatMap(userId -> reservations.get(userId, Requests.pathId(request, "id")))
            .flatMap(view -> ServerResponse.ok().bodyValue(view));
    }

    Mono<ServerResponse> mine(ServerRequest request) {
        return Requests.userId(request)
            .flatMap(userId -> {
                int limit = Requests.limit(request, 20, 100);
                long before = request.queryParam("cursor").filter(c -> !c.isBlank())
                    .map(c -> Cursor.decode(c, ReservationService.CURSOR, 1).number(0))
                    .orElse(Long.MAX_VALUE);
                return reservations.mine(userId, before, limit);
            })
            .flatMap(page -> ServerResponse.ok().bodyValue(page));
    }

    private HoldBody checked(HoldBody body) {
        if (body.offerId() != null) {
            if (body.seatIds() != null || body.quantity() != null) {
                throw Problems.badRequest("An offer is taken whole: send offerId alone, without seatIds or quantity");
            }
            return body;
        }
        if ((body.seatIds() == null) == (body.quantity() == null)) {
            throw Problems.badRequest("Send either seatIds (chosen seats) or quantity (best available), not both and not neither");
        }
        if (body.seatIds() != null && body.seatIds().isEmpty()) {
            throw Problems.badRequest("seatIds must name at least one seat");
        }
        int size = body.seatIds() != null ? body.seatIds().size() : body.quantity();
        if (size < 1 || size > properties.maxSeats()) {
            throw Problems.badRequest("A reservation holds 1 to " + properties.maxSeats() + " seats, asked for " + size);
        }
        if (body.seatIds() != null && (body.seatIds().contains(null) || new HashSet<>(body.seatIds()).size() != size)) {
            throw Problems.badRequest("seatIds must be distinct seat ids");
        }
        return body;
    }

    private static String idempotencyKey(ServerRequest request) {
        String key = request.headers().firstHeader(IDEMPOTENCY_HEADER);
        if (key == null || key.isBlank()) {
            throw Problems.badRequest("The Idempotency-Key header is required: send a new unique value (a UUID) per intended request");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw Problems.badRequest("The Idempotency-Key header may be at most " + MAX_KEY_LENGTH + " characters");
        }
        return key.strip();
    }

    /** Exactly one of: {@code seatIds} (chosen seats), {@code quantity} (best available), {@code offerId} (an offer of the waiting list). */
    record HoldBody(List<@Positive Long> seatIds, Integer quantity, @Positive Long offerId) {
    }
}
