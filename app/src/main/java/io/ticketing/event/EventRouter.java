package io.ticketing.event;

import static org.springdoc.core.fn.builders.apiresponse.Builder.responseBuilder;
import static org.springdoc.core.fn.builders.parameter.Builder.parameterBuilder;
import static org.springdoc.core.fn.builders.requestbody.Builder.requestBodyBuilder;

import io.swagger.v3.oas.annotations.enums.ParameterIn;
import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.ticketing.web.OpenApiConfig;

@Configuration(proxyBeanMethods = false)
class EventRouter {

    @Bean
    RouterFunction<ServerResponse> eventRoutes(EventHandler handler) {
        return SpringdocRouteBuilder.route()
            .POST("/api/v1/events", handler::create, op -> op.operationId("createEvent").tag("events")
                .summary("Create an event and generate its seats (admin)")
                .security(OpenApiConfig.bearer())
                .requestBody(requestBodyBuilder().implementation(NewEvent.class))
                .response(responseBuilder().responseCode("201").implementation(EventDetail.class)))
            .GET("/api/v1/events", handler::list, op -> op.operationId("listEvents").tag("events")
                .summary("Upcoming events by start time, or by name when 'query' is given (name prefix, case-insensitive)")
                .parameter(parameterBuilder().in(ParameterIn.QUERY).name("query"))
                .parameter(parameterBuilder().in(ParameterIn.QUERY).name("limit"))
                .parameter(parameterBuilder().in(ParameterIn.QUERY).name("cursor"))
                .response(responseBuilder().responseCode("200").description("{items, nextCursor}")))
            .GET("/api/v1/events/{id}", handler::detail, op -> op.operationId("getEvent").tag("events")
                .summary("An event with live seat counts")
                .parameter(parameterBuilder().in(ParameterIn.PATH).name("id"))
                .response(responseBuilder().responseCode("200").implementation(EventDetail.class)))
            .GET("/api/v1/events/{id}/seats", handler::seats, op -> op.operationId("listSeats").tag("events")
                .summary("An event's seats, optionally filtered by status")
                .parameter(parameterBuilder().in(ParameterIn.PATH).name("id"))
                .parameter(parameterBuilder().in(ParameterIn.QUERY).name("status"))
                .parameter(parameterBuilder().in(ParameterIn.QUERY).name("limit"))
                .parameter(parameterBuilder().in(ParameterIn.QUERY).name("cursor"))
                .response(responseBuilder().responseCode("200").description("{items, nextCursor}")))
            .build();
    }
}
