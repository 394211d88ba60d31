package io.ticketing.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.sse;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;

/**
 * The steps of a buyer's journey as Gatling chains. Request names are the step names in the
 * report ("sign in", "enter queue", "wait for admission", "hold seats", "confirm").
 */
final class Journeys {

    private final Settings settings;
    private final LongSupplier event;
    private final RunLog log;

    Journeys(Settings settings, LongSupplier event, RunLog log) {
        this.settings = settings;
        this.event = event;
        this.log = log;
    }

    /** Seeded buyers in turn (see {@code Seed}); a run of more users than seeded reuses accounts. */
    static Iterator<Map<String, Object>> buyers(int seeded) {
        AtomicLong next = new AtomicLong();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                long n = next.getAndIncrement() % seeded + 1;
                return Map.of("email", Seed.email(n));
            }
        };
    }

    /** The sign-in body of the seeded buyer fed into the session. */
    static String credentials(Session session) {
        return "{\"email\":\"" + session.getString("email") + "\",\"password\":\"" + Seed.PASSWORD + "\"}";
    }

    ChainBuilder signIn() {
        return exec(http("sign in").post("/api/v1/auth/token")
            .body(StringBody(Journeys::credentials))
            .asJson()
            .check(status().is(200), jsonPath("$.accessToken").saveAs("token")));
    }

    /** Enters the line; a buyer admitted at once (short line) skips the stream. */
    ChainBuilder enterQueue() {
        return exec(session -> session.set("enteredAt", System.currentTimeMillis()))
            .exec(http("enter queue").post(session -> "/api/v1/events/" + event.getAsLong() + "/queue")
                .header("Authorization", session -> "Bearer " + session.getString("token"))
                .check(status().is(200),
                    jsonPath("$.state").saveAs("state"),
                    jsonPath("$.streamUrl").optional().saveAs("streamUrl"),
                    jsonPath("$.pass").optional().saveAs("pass")));
    }

    /** Waits on the SSE stream for the end of the wait: admitted, sold out or closed. */
    ChainBuilder waitForAdmission() {
        return exec(sse("open queue stream").get(session -> session.getString("streamUrl"))
                .await(settings.maxWait()).on(sse.checkMessage("wait for admission")
                    .matching(jsonPath("$.event").in("admitted", "sold-out", "closed", "left"))
                    .check(jsonPath("$.event").saveAs("state"), jsonPath("$.data").optional().saveAs("admission"))))
            .exec(sse("close stream").close())
            .exec(session -> {
                if ("admitted".equals(session.getString("state"))) {
                    log.waited(System.currentTimeMillis() - session.getLong("enteredAt"));
                    return session.set("state", "ADMITTED").set("pass", passOf(session.getString("admission")));
                }
                return session;
            });
    }

    /** Gives up after a few seconds in line, as some buyers do. */
    ChainBuilder giveUp() {
        return pause(Duration.ofSeconds(1), Duration.ofSeconds(5))
            .exec(http("leave queue").delete(session -> "/api/v1/events/" + event.getAsLong() + "/queue/me")
                .header("Authorization", session -> "Bearer " + session.getString("token"))
                .check(status().is(204)))
            .exec(session -> {
                log.outcome("gave up");
                return session;
            });
    }

    /** Holds the best available seats with the pass, then confirms; sold out is a normal end. */
    ChainBuilder holdAndConfirm() {
        return exec(http("hold seats").post(session -> "/api/v1/events/" + event.getAsLong() + "/reservations")
                .header("Authorization", session -> "Bearer " + session.getString("token"))
                .header("Admission-Pass", session -> session.getString("pass"))
                .header("Idempotency-Key", session -> UUID.randomUUID().toString())
                .body(StringBody("{\"quantity\":" + settings.seatsPerUser() + "}")).asJson()
                .check(status().in(201, 409).saveAs("holdStatus"),
                    jsonPath("$.id").optional().saveAs("reservationId"),
                    jsonPath("$.type").optional().saveAs("problem")))
            .doIfOrElse(session -> session.contains("reservationId")).then(
                doIfOrElse(session -> ThreadLocalRandom.current().nextDouble() < settings.cancelShare()).then(cancel()).orElse(confirm()))
            .orElse(exec(session -> {
                log.outcome("hold refused: " + problem(session));
                return session;
            }));
    }

    private ChainBuilder cancel() {
        return exec(http("cancel").delete(session -> "/api/v1/reservations/" + session.getString("reservationId"))
                .header("Authorization", session -> "Bearer " + session.getString("token"))
                .check(status().is(200), jsonPath("$.status").is("CANCELLED")))
            .exec(session -> {
                log.outcome("cancelled");
                return session;
            });
    }

    private ChainBuilder confirm() {
        return exec(http("confirm").post(session -> "/api/v1/reservations/" + session.getString("reservationId") + "/confirm")
                .header("Authorization", session -> "Bearer " + session.getString("token"))
                .header("Idempotency-Key", session -> UUID.randomUUID().toString())
                .check(status().is(200), jsonPath("$.status").is("CONFIRMED")))
            .exec(session -> {
                if (!session.isFailed()) {
                    log.confirmed(Long.parseLong(session.getString("reservationId")));
                    log.outcome("bought");
                }
                return session;
            });
    }

    /** The whole buyer: sign in, enter, wait (or give up), hold, confirm. */
    ChainBuilder buyer() {
        return signIn()
            .exitHereIfFailed()
            .exec(enterQueue())
            .exitHereIfFailed()
            .doIfOrElse(session -> "WAITING".equals(session.getString("state"))
                    && ThreadLocalRandom.current().nextDouble() < settings.giveUpShare()).then(giveUp())
            .orElse(exec(waitUnlessAdmitted())
                .doIfOrElse(session -> "ADMITTED".equals(session.getString("state"))).then(holdAndConfirm())
                .orElse(exec(session -> {
                    log.outcome("not admitted: " + session.getString("state"));
                    return session;
                })));
    }

    private ChainBuilder waitUnlessAdmitted() {
        return doIf(session -> "WAITING".equals(session.getString("state"))).then(waitForAdmission());
    }

    private static String problem(Session session) {
        String type = session.getString("problem");
        return type == null ? "status " + session.getString("holdStatus") : type.substring(type.lastIndexOf(':') + 1);
    }

    private static String passOf(String admission) {
        // The admitted event's data is {"pass":"…","expiresAt":"…"}; Gatling hands it over as text.
        int start = admission.indexOf("\"pass\":\"") + 8;
        return admission.substring(start, admission.indexOf('"', start));
    }
}
