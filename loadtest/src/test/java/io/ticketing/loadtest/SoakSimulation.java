package io.ticketing.loadtest;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import java.util.List;

import io.gatling.javaapi.core.Simulation;

/**
 * Steady load for a bounded time (default 30 minutes): {@code rate} buyers arrive every second
 * and go through the whole journey, a share cancelling their hold instead of buying, so that
 * leaks (connections, memory, Redis keys, expiring holds) show up as drift over the run.
 */
public class SoakSimulation extends Simulation {

    private final Settings settings = Settings.fromSystem();
    private final RunLog log = new RunLog();
    private final long startedAt = System.currentTimeMillis();
    private volatile long event;

    {
        Journeys journeys = new Journeys(settings, () -> event, log);
        setUp(scenario("soak").exec(feed(Journeys.buyers(settings.seededUsers())), journeys.buyer())
                .injectOpen(constantUsersPerSec(settings.rate()).during(settings.duration())))
            .protocols(http.baseUrl(settings.baseUrl()).shareConnections().acceptHeader("application/json"))
            .assertions(
                global().failedRequests().percent().lt(1.0),
                details("enter queue").responseTime().percentile(99).lt(300),
                details("hold seats").responseTime().percentile(99).lt(300),
                details("confirm").responseTime().percentile(99).lt(300));
    }

    @Override
    public void before() {
        System.out.println("Soak: " + settings.rate() + " buyers/s; " + settings.describe());
        event = ServiceApi.openSale(settings, "Soak " + startedAt);
    }

    @Override
    public void after() {
        log.write("soak", settings, List.of(event), startedAt);
    }
}
