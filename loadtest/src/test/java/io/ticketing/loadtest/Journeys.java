package io.ticketing.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.onCase;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.sse;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * The steps of a buyer's journey as Gatling chains. Request names are the step names in the
 * report ("sign in", "enter queue", "wait for admission", "hold seats", "confirm").
 */
final class Journeys {

    /** How often a buyer looks again: at the waiting list, for an offer. */
    private static final Duration POLL = Duration.ofSeconds(2);

    private final Settings settings;
    private final LongSupplier event;
    private final RunLog log;
    private final boolean leaveAfterCancel;

    Journeys(Settings settings, LongSupplier event, RunLog log) {
        this(settings, event, log, false);
    }

    /**
     * With {@code leaveAfterCancel}, a buyer who cancels also gives up their admission. Only a
     * purchase frees an admitted buyer's place among those inside, so without it each canceller
     * keeps a place the line cannot give to a waiter until their pass runs out (10 minutes by
     * default), however many seats came back.
     */
    Journeys(Settings settings, LongSupplier event, RunLog log, boolean leaveAfterCancel) {
        this.settings = settings;
        this.event = event;
        this.log = log;
        this.leaveAfterCancel = leaveAfterCancel;
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

    /** Each buyer wants 1 to {@code most} seats, drawn as they arrive. */
    static ChainBuilder quantityUpTo(int most) {
        return exec(session -> session.set("quantity", ThreadLocalRandom.current().nextInt(1, most + 1)));
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

    /** Enters the public line; a buyer admitted at once (short line) skips the stream. */
    ChainBuilder enterQueue() {
        return enter(http("enter queue").post(session -> queuePath()), 200);
    }

    /**
     * Enters a presale lane's line with its access code: the answer's stream and pass are the lane's.
     * A code the service refuses (the lane closed, the code used up) ends the journey as its problem.
     */
    ChainBuilder enterLane(Supplier<String> accessCode) {
        return enter(http("enter lane").post(session -> queuePath())
            .body(StringBody(session -> "{\"accessCode\":\"" + accessCode.get() + "\"}")).asJson(), 200, 403, 409, 410);
    }

    private ChainBuilder enter(HttpRequestActionBuilder request, Integer... statuses) {
        return exec(session -> session.set("enteredAt", System.currentTimeMillis()))
            .exec(request.header("Authorization", session -> "Bearer " + session.getString("token"))
                .check(status().in(statuses),
                    jsonPath("$.state").optional().saveAs("state"),
                    jsonPath("$.streamUrl").optional().saveAs("streamUrl"),
                    jsonPath("$.pass").optional().saveAs("pass"),
                    jsonPath("$.lane").optional().saveAs("lane"),
                    jsonPath("$.type").optional().saveAs("problem")));
    }

    private String queuePath() {
        return "/api/v1/events/" + event.getAsLong() + "/queue";
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
            .exec(leave())
            .exec(session -> {
                log.outcome("gave up");
                return session;
            });
    }

    /** Leaves the line entered, or gives up the admission it gave. */
    private ChainBuilder leave() {
        return exec(http("leave queue").delete(session -> queuePath() + "/me" + (has(session, "lane") ? "?lane=" + session.getString("lane") : ""))
            .header("Authorization", session -> "Bearer " + session.getString("token"))
            .check(status().is(204)));
    }

    /** Holds the best available seats with the pass, then confirms; sold out is a normal end. */
    ChainBuilder holdAndConfirm() {
        return holdAndConfirm(null);
    }

    /** The same, going on with {@code whenSoldOut} (when not null) if the hold is refused for want of seats. */
    private ChainBuilder holdAndConfirm(ChainBuilder whenSoldOut) {
        ChainBuilder refused = exec(session -> {
            log.outcome("hold refused: " + problem(session));
            return session;
        });
        return exec(hold("hold seats"))
            .doIfOrElse(session -> has(session, "reservationId")).then(afterHold())
            .orElse(whenSoldOut == null ? refused : doIfOrElse(Journeys::soldOut).then(whenSoldOut).orElse(refused));
    }

    /**
     * Holds {@code quantity} seats (the session's, else the run's seats per buyer), best available,
     * with the pass; saves the reservation's id, or the problem's type when refused with one of
     * {@code refusals} (409 unless told).
     */
    private ChainBuilder hold(String name, Integer... refusals) {
        List<Integer> statuses = new ArrayList<>(List.of(201));
        statuses.addAll(refusals.length == 0 ? List.of(409) : List.of(refusals));
        return exec(session -> session.remove("reservationId").remove("problem"))
            .exec(http(name).post(session -> "/api/v1/events/" + event.getAsLong() + "/reservations")
                .header("Authorization", session -> "Bearer " + session.getString("token"))
                .header("Admission-Pass", session -> session.getString("pass"))
                .header("Idempotency-Key", session -> UUID.randomUUID().toString())
                .body(StringBody(session -> "{\"quantity\":" + (session.contains("quantity") ? session.getInt("quantity") : settings.seatsPerUser()) + "}"))
                .asJson()
                .check(status().in(statuses).saveAs("holdStatus"),
                    jsonPath("$.id").optional().saveAs("reservationId"),
                    jsonPath("$.type").optional().saveAs("problem")));
    }

    /** What a buyer does with a hold: cancels it, walks away from it (it expires), or confirms it. */
    private ChainBuilder afterHold() {
        return exec(session -> session.set("afterHold", HoldChoice.draw(ThreadLocalRandom.current().nextDouble(), settings.cancelShare(),
                settings.presale().abandonShare()).name()))
            .doSwitch(session -> session.getString("afterHold")).on(
                onCase(HoldChoice.CANCEL.name()).then(cancel()),
                onCase(HoldChoice.ABANDON.name()).then(exec(session -> {
                    log.outcome("let the hold expire");
                    return session;
                })),
                onCase(HoldChoice.CONFIRM.name()).then(confirm("bought")));
    }

    private ChainBuilder cancel() {
        return exec(http("cancel").delete(session -> "/api/v1/reservations/" + session.getString("reservationId"))
                .header("Authorization", session -> "Bearer " + session.getString("token"))
                .check(status().is(200), jsonPath("$.status").is("CANCELLED")))
            .doIf(session -> leaveAfterCancel).then(leave())
            .exec(session -> {
                log.outcome("cancelled");
                return session;
            });
    }

    /** Confirms the hold; a journey that ends in a purchase ends as {@code outcome}. */
    private ChainBuilder confirm(String outcome) {
        return exec(http("confirm").post(session -> "/api/v1/reservations/" + session.getString("reservationId") + "/confirm")
                .header("Authorization", session -> "Bearer " + session.getString("token"))
                .header("Idempotency-Key", session -> UUID.randomUUID().toString())
                .check(status().is(200), jsonPath("$.status").is("CONFIRMED")))
            .exec(session -> {
                if (!session.isFailed()) {
                    log.confirmed(Long.parseLong(session.getString("reservationId")));
                    log.outcome(outcome);
                }
                return session;
            });
    }

    /** The whole buyer: sign in, enter, wait (or give up), hold, confirm. */
    ChainBuilder buyer() {
        return buyer(enterQueue(), holdAndConfirm(), notAdmitted());
    }

    /** A fan with the lane's code: the same journey through the lane's own line, which has no waiting list. */
    ChainBuilder fan(Supplier<String> accessCode) {
        return buyer(enterLane(accessCode), holdAndConfirm(), exec(session -> {
            log.outcome(has(session, "state") ? "fan not admitted: " + session.getString("state") : "lane refused: " + problem(session));
            return session;
        }));
    }

    /**
     * A buyer of the public line who, told the event is sold out (by the hold, the entry or the
     * stream), stays for returns on the waiting list; see {@link #waitingList()}.
     */
    ChainBuilder publicBuyerWhoWaitsForReturns() {
        return buyer(enterQueue(), holdAndConfirm(waitingList()),
            doIfOrElse(session -> "SOLD_OUT".equals(session.getString("state")) || "sold-out".equals(session.getString("state")))
                .then(waitingList())
                .orElse(notAdmitted()));
    }

    /** Sign in, enter with {@code entry}, wait (or give up), then {@code admitted} or {@code otherwise}. */
    private ChainBuilder buyer(ChainBuilder entry, ChainBuilder admitted, ChainBuilder otherwise) {
        return signIn()
            .exitHereIfFailed()
            .exec(entry)
            .exitHereIfFailed()
            .doIfOrElse(session -> "WAITING".equals(session.getString("state"))
                    && ThreadLocalRandom.current().nextDouble() < settings.giveUpShare()).then(giveUp())
            .orElse(exec(waitUnlessAdmitted())
                .doIfOrElse(session -> "ADMITTED".equals(session.getString("state"))).then(admitted)
                .orElse(otherwise));
    }

    private ChainBuilder notAdmitted() {
        return exec(session -> {
            log.outcome("not admitted: " + session.getString("state"));
            return session;
        });
    }

    private ChainBuilder waitUnlessAdmitted() {
        return doIf(session -> "WAITING".equals(session.getString("state"))).then(waitForAdmission());
    }

    /**
     * Joins the event's waiting list, as the page does when told it sold out. While seats are still
     * held by others (they may come back) the list is not open yet: the buyer tries again every
     * couple of seconds, and tries to hold a seat meanwhile when it has a pass, since one may be back.
     * Once on the list it looks for an offer every couple of seconds; see {@link #awaitOffer()}.
     */
    ChainBuilder waitingList() {
        return exec(session -> session.set("list", ListState.JOINING.name()).set("quantity", 1).remove("listProblem"))
            .asLongAsDuring(session -> ListState.JOINING.name().equals(session.getString("list")), settings.presale().listWait()).on(
                exec(http("join waiting list").post(session -> listPath())
                    .header("Authorization", session -> "Bearer " + session.getString("token"))
                    .check(status().in(200, 201, 409).saveAs("listStatus"), jsonPath("$.type").optional().saveAs("listProblem")))
                .exec(session -> session.set("list", ListState.afterJoin(session.getInt("listStatus"), session.getString("listProblem")).name()))
                .doIf(session -> ListState.JOINING.name().equals(session.getString("list"))).then(
                    pause(POLL)
                        .doIf(session -> has(session, "pass")).then(
                            // The admission may end meanwhile (403): then only the list is left.
                            exec(hold("hold returned seat", 409, 403))
                                .exec(session -> "403".equals(session.getString("holdStatus")) ? session.remove("pass") : session)
                                .doIf(session -> has(session, "reservationId")).then(exec(session -> session.set("list", ListState.HELD.name()))))))
            .doSwitchOrElse(session -> session.getString("list")).on(
                onCase(ListState.LISTED.name()).then(awaitOffer()),
                onCase(ListState.HELD.name()).then(afterHold()))
            .orElse(exec(session -> {
                log.outcome("not on the waiting list: " + notListed(session));
                return session;
            }));
    }

    private String notListed(Session session) {
        if (ListState.JOINING.name().equals(session.getString("list"))) {
            return "not sold out within " + settings.presale().listWait().toSeconds() + " s";
        }
        return has(session, "listProblem") ? shortType(session.getString("listProblem")) : "status " + session.getString("listStatus");
    }

    /**
     * Looks for an offer every couple of seconds, for as long as the run's list wait; takes it and
     * confirms for a share of buyers, lets it pass for the others, so that it goes to the next one.
     */
    private ChainBuilder awaitOffer() {
        return exec(session -> session.remove("offerStatus"))
            .asLongAsDuring(session -> !"OFFERED".equals(session.getString("offerStatus")), settings.presale().listWait()).on(
                pause(POLL)
                    .exec(http("poll waiting list").get(session -> listPath())
                        .header("Authorization", session -> "Bearer " + session.getString("token"))
                        .check(status().is(200),
                            jsonPath("$.offer.offerId").optional().saveAs("offerId"),
                            jsonPath("$.offer.status").optional().saveAs("offerStatus"))))
            .doIfOrElse(session -> "OFFERED".equals(session.getString("offerStatus"))).then(
                doIfOrElse(session -> ThreadLocalRandom.current().nextDouble() < settings.presale().takeShare()).then(takeOffer())
                    .orElse(exec(session -> {
                        log.outcome("let the offer pass");
                        return session;
                    })))
            .orElse(exec(session -> {
                log.outcome("on the waiting list, no offer");
                return session;
            }));
    }

    /** Takes the offer with a hold naming it (no pass: the offer is the grant), then confirms. */
    private ChainBuilder takeOffer() {
        return exec(session -> session.remove("reservationId").remove("problem"))
            .exec(http("take offer").post(session -> "/api/v1/events/" + event.getAsLong() + "/reservations")
                .header("Authorization", session -> "Bearer " + session.getString("token"))
                .header("Idempotency-Key", session -> UUID.randomUUID().toString())
                .body(StringBody(session -> "{\"offerId\":" + session.getString("offerId") + "}")).asJson()
                .check(status().in(201, 410),
                    jsonPath("$.id").optional().saveAs("reservationId"),
                    jsonPath("$.type").optional().saveAs("problem")))
            .doIfOrElse(session -> has(session, "reservationId")).then(confirm("bought an offer"))
            .orElse(exec(session -> {
                log.outcome("offer refused: " + problem(session));
                return session;
            }));
    }

    private String listPath() {
        return "/api/v1/events/" + event.getAsLong() + "/waiting-list";
    }

    /** A hold refused because the pool has too few seats left: the buyer turns to the waiting list. */
    private static boolean soldOut(Session session) {
        String type = session.getString("problem");
        return type != null && (type.endsWith(":sold-out") || type.endsWith(":not-enough-seats"));
    }

    /** Whether the session holds a value for {@code key}: a JSON null a check saved counts as none. */
    private static boolean has(Session session, String key) {
        return session.getString(key) != null;
    }

    private static String problem(Session session) {
        String type = session.getString("problem");
        return type == null ? "status " + session.getString("holdStatus") : shortType(type);
    }

    private static String shortType(String type) {
        return type.substring(type.lastIndexOf(':') + 1);
    }

    private static String passOf(String admission) {
        // The admitted event's data is {"pass":"…","expiresAt":"…"}; Gatling hands it over as text.
        int start = admission.indexOf("\"pass\":\"") + 8;
        return admission.substring(start, admission.indexOf('"', start));
    }
}
