package io.ticketing.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.incrementUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.util.List;

import io.gatling.javaapi.core.Simulation;

/**
 * Where does it break? Arrivals step up from {@code rate}/s by {@code step}/s every
 * {@code levelSeconds} for {@code levels} levels. Each arrival is the first-minute path: sign in,
 * enter the waiting room, read one's place, open the event. Every request is named after the
 * level it ran in ("enter queue @ 150/s"), so the summary can show latency and errors per level
 * and name the knee: the first level whose p99 or error rate crosses the threshold.
 */
public class BreakdownSimulation extends Simulation {

    private final Settings settings = Settings.fromSystem();
    private final RunLog log = new RunLog();
    private final long startedAt = System.currentTimeMillis();
    private volatile long event;
    private volatile long rampStartedAt;

    {
        setUp(scenario("breakdown")
                .exec(feed(Journeys.buyers(settings.seededUsers())))
                .exec(session -> session.set("level", level()))
                .exec(http(session -> "sign in @ " + session.getString("level")).post("/api/v1/auth/token")
                    .body(StringBody(Journeys::credentials)).asJson()
                    .check(status().is(200), jsonPath("$.accessToken").saveAs("token")))
                .exitHereIfFailed()
                .exec(http(session -> "enter queue @ " + session.getString("level")).post(session -> "/api/v1/events/" + event + "/queue")
                    .header("Authorization", "Bearer #{token}").check(status().is(200)))
                .exec(http(session -> "my place @ " + session.getString("level")).get(session -> "/api/v1/events/" + event + "/queue/me")
                    .header("Authorization", "Bearer #{token}").check(status().is(200)))
                .exec(http(session -> "event detail @ " + session.getString("level")).get(session -> "/api/v1/events/" + event)
                    .check(status().is(200)))
                .exec(session -> {
                    log.outcome(session.isFailed() ? "failed" : "entered");
                    return session;
                })
                .injectOpen(incrementUsersPerSec(settings.step()).times(settings.levels()).eachLevelLasting(settings.levelDuration())
                    .startingFrom(settings.rate())))
            .protocols(http.baseUrl(settings.baseUrl()).shareConnections().acceptHeader("application/json"))
            // The run is meant to find the limit: it fails only when even the first level is bad.
            .assertions(global().failedRequests().percent().lt(50.0));
    }

    /** The arrival rate in force right now, as a label. */
    private String level() {
        long elapsed = System.currentTimeMillis() - rampStartedAt;
        int index = (int) Math.min(settings.levels() - 1, Math.max(0, elapsed / settings.levelDuration().toMillis()));
        return (settings.rate() + index * settings.step()) + "/s";
    }

    @Override
    public void before() {
        System.out.println("Breakdown: " + settings.describeRamp());
        ServiceApi api = new ServiceApi(settings);
        event = api.saleEvent("Breakdown " + startedAt, settings.seats());
        // The line only grows here: nobody is admitted, so entering stays the path under test.
        api.queueSettings(event, 1, 1);
        rampStartedAt = System.currentTimeMillis();
    }

    @Override
    public void after() {
        log.write("breakdown", settings, List.of(event), startedAt);
    }
}
