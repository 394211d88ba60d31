package io.ticketing.loadtest;

import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.gatling.javaapi.core.Simulation;

/**
 * A presale beside the public sale, with seats coming back under load. The event's first
 * {@code laneShare} of seats are a presale lane's, entered with one shared code; {@code fanShare}
 * of the buyers are fans who enter the lane's line with it, arriving over the first half of the
 * window while the others arrive at the public line over all of it, so both lines run together.
 * Every admitted buyer holds 1 to {@code seatsPerUser} seats, best available; a share cancels, a
 * share walks away and lets the hold expire (run the service with a short hold TTL), the rest
 * confirm. The lane closes {@code laneClose} seconds in, and gives its unsold seats to the public
 * sale {@code laneReturn} seconds in. Public buyers told the event is sold out join its waiting list
 * and look for an offer every two seconds; {@code takeShare} of those offered take the offer and
 * confirm, the rest let it pass to the next buyer (run the service with a short offer window). The
 * list opens only once no public seat is held, so what it is offered is what the lane gives back
 * after that, and what comes back of the offers: hence the return's default, after the sell-out.
 *
 * <p>Thresholds as the spike's: under 1% failed requests, p95 under 300 ms for sign-in, entries,
 * holds and confirmations. The run's summary adds the lane's and the waiting list's figures, and
 * the invariants check that no lane sold past its quota or another lane's seats, and that every
 * offer was taken or passed on.
 */
public class PresaleSimulation extends Simulation {

    private final Settings settings = Settings.fromSystem();
    private final RunLog log = new RunLog();
    private final long startedAt = System.currentTimeMillis();
    private volatile long event;
    private volatile String accessCode;

    {
        // Cancellers go, so that the seats they give back reach the line (see Journeys).
        Journeys journeys = new Journeys(settings, () -> event, log, true);
        // One feeder for both lines, so that no account is a fan and a public buyer at once.
        Iterator<Map<String, Object>> buyers = Journeys.buyers(settings.seededUsers());
        Duration fansArrive = Duration.ofSeconds(Math.max(1, settings.duration().toSeconds() / 2));
        setUp(
            scenario("fans").exec(feed(buyers), Journeys.quantityUpTo(settings.seatsPerUser()), journeys.fan(() -> accessCode))
                .injectOpen(rampUsers(settings.fans()).during(fansArrive)),
            scenario("public").exec(feed(buyers), Journeys.quantityUpTo(settings.seatsPerUser()), journeys.publicBuyerWhoWaitsForReturns())
                .injectOpen(rampUsers(settings.users() - settings.fans()).during(settings.duration())))
            .protocols(http.baseUrl(settings.baseUrl()).shareConnections().acceptHeader("application/json"))
            .assertions(Thresholds.spike("sign in", "enter queue", "enter lane", "hold seats", "confirm"));
    }

    @Override
    public void before() {
        System.out.println("Presale: " + settings.describePresale());
        event = ServiceApi.openSale(settings, "Presale " + startedAt);
        Instant start = Instant.ofEpochMilli(startedAt);
        Instant returns = start.plus(settings.presale().laneReturn());
        Instant closes = start.plus(settings.presale().laneClose());
        closes = closes.isAfter(returns) ? returns : closes;
        ServiceApi.Lane lane = new ServiceApi(settings).sharedCodeLane(event, "Fan club", closes, returns, settings.laneQuota(),
            Math.max(1, settings.fans()));
        accessCode = lane.code();
        System.out.println("Lane " + lane.id() + ": " + settings.laneQuota() + " seats, shared code for " + Math.max(1, settings.fans())
            + " fans, closes at " + closes + ", returns its unsold seats at " + returns);
    }

    @Override
    public void after() {
        log.write("presale", settings, List.of(event), startedAt);
    }
}
