package io.ticketing.console;

import static org.springdoc.core.fn.builders.apiresponse.Builder.responseBuilder;

import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.ticketing.web.OpenApiConfig;

@Configuration(proxyBeanMethods = false)
class ConsoleRouter {

    @Bean
    RouterFunction<ServerResponse> consoleRoutes(ConsoleHandler handler) {
        return SpringdocRouteBuilder.route()
            .GET("/api/v1/admin/events/{id}/stats", handler::stats, op -> op.operationId("consoleStats").tag("console")
                .summary("The operator's live figures of one event: line, totals, rates, seats, waits, settings, health (admin)")
                .security(OpenApiConfig.bearer())
                .response(responseBuilder().responseCode("200").implementation(ConsoleStats.class)))
            .GET("/api/v1/admin/events/{id}/console/stream", handler::stream, op -> op.operationId("consoleStream").tag("console")
                .summary("The same figures as Server-Sent Events: 'stats' every second, heartbeat comments (admin)")
                .security(OpenApiConfig.bearer())
                .response(responseBuilder().responseCode("200").description("text/event-stream")))
            .build();
    }
}
