package io.ticketing.web;

import java.time.Clock;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Every response carries {@code Date}, which HTTP asks of any server with a clock (RFC 9110,
 * section 6.6.1) and Reactor Netty does not add. It reads the service's own clock: the buyer's
 * page counts a hold down in the server's time, so a phone whose clock is minutes off neither
 * gives up on a hold that is still good nor promises time the hold does not have.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DateHeader implements WebFilter {

    private final Clock clock;

    DateHeader(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        stamp(exchange.getResponse());
        return chain.filter(exchange);
    }

    /** Dates the response when it is committed, unless it carries a date of its own; for routes beneath the filters too. */
    public void stamp(ServerHttpResponse response) {
        response.beforeCommit(() -> {
            if (!response.getHeaders().containsHeader(HttpHeaders.DATE)) {
                response.getHeaders().setDate(clock.millis());
            }
            return Mono.empty();
        });
    }
}
