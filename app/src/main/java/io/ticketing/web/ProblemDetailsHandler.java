package io.ticketing.web;

import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Answers every error in the WebFlux chain with its problem ({@link ProblemWriter}). It runs ahead
 * of Boot's default error handler so that functional endpoints, the codecs and the routing layer
 * all speak the same format.
 */
@Component
@Order(-2)
public class ProblemDetailsHandler implements WebExceptionHandler {

    private final ProblemWriter problems;

    ProblemDetailsHandler(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        return problems.write(exchange.getRequest(), exchange.getResponse(), ex);
    }
}
