package io.ticketing.loadtest;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;

import java.util.ArrayList;
import java.util.List;

import io.gatling.javaapi.core.Assertion;

/**
 * What a sale's spike is judged by (the replaced system's thresholds, made stricter where we
 * promise more): under 1% failed requests, and p95 under 300 ms for every step a buyer waits on.
 */
final class Thresholds {

    private Thresholds() {
    }

    static List<Assertion> spike(String... stepsBuyersWaitOn) {
        List<Assertion> assertions = new ArrayList<>(List.of(global().failedRequests().percent().lt(1.0)));
        for (String step : stepsBuyersWaitOn) {
            assertions.add(details(step).responseTime().percentile(95).lt(300));
        }
        return assertions;
    }
}
