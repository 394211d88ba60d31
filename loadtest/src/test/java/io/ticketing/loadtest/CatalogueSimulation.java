package io.ticketing.loadtest;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.gatling.javaapi.core.Simulation;

/**
 * A browsing spike on the catalogue: {@code users} visitors arrive within {@code duration}
 * seconds; each lists the upcoming events, turns a page, searches by a name prefix and opens an
 * event. Needs seeded events (see {@code Seed}); no sign-in, as browsing needs none.
 */
public class CatalogueSimulation extends Simulation {

    /** First words of the seeded event names, so every search finds something. */
    private static final List<String> PREFIXES = List.of("midnight", "aurora", "harbor", "neon", "velvet", "summit", "echo", "solar",
        "crimson", "silver", "wild", "golden", "midnight echoes", "neon nights", "golden tour");

    private final Settings settings = Settings.fromSystem();
    private final RunLog log = new RunLog();
    private final long startedAt = System.currentTimeMillis();

    {
        setUp(scenario("catalogue")
                .exec(http("list events").get("/api/v1/events?limit=20")
                    .check(status().is(200), jsonPath("$.nextCursor").saveAs("cursor")))
                // A failed step ends the visit: the next one would only count the same failure again.
                .exitHereIfFailed()
                .exec(http("next page").get("/api/v1/events?limit=20&cursor=#{cursor}").check(status().is(200)))
                .exitHereIfFailed()
                .exec(session -> session.set("query", PREFIXES.get(ThreadLocalRandom.current().nextInt(PREFIXES.size()))))
                .exec(http("search").get("/api/v1/events").queryParam("query", "#{query}").queryParam("limit", "20")
                    .check(status().is(200), jsonPath("$.items[*].id").findRandom().saveAs("found")))
                .exitHereIfFailed()
                .exec(http("event detail").get("/api/v1/events/#{found}").check(status().is(200)))
                .exec(session -> {
                    log.outcome(session.isFailed() ? "browse failed" : "browsed");
                    return session;
                })
                .injectOpen(rampUsers(settings.users()).during(settings.duration())))
            .protocols(http.baseUrl(settings.baseUrl()).shareConnections().acceptHeader("application/json"))
            .assertions(
                global().failedRequests().percent().lt(1.0),
                details("list events").responseTime().percentile(95).lt(300),
                details("search").responseTime().percentile(95).lt(300),
                details("event detail").responseTime().percentile(95).lt(300));
    }

    @Override
    public void after() {
        log.write("catalogue", settings, List.of(), startedAt);
    }
}
