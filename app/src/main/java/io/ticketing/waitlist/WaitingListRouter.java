package io.ticketing.waitlist;

import static org.springdoc.core.fn.builders.apiresponse.Builder.responseBuilder;

import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.ticketing.web.OpenApiConfig;

@Configuration(proxyBeanMethods = false)
class WaitingListRouter {

    @Bean
    RouterFunction<ServerResponse> waitingListRoutes(WaitingListHandler handler) {
        return SpringdocRouteBuilder.route()
            .POST("/api/v1/events/{id}/waiting-list", handler::join, op -> op.operationId("joinWaitingList").tag("waiting list")
                .summary("Join a sold-out event's waiting list from its line, keeping the line's order (201 new, 200 already on it)")
                .security(OpenApiConfig.bearer())
                .response(responseBuilder().responseCode("201").implementation(WaitingListHandler.Place.class)))
            .GET("/api/v1/events/{id}/waiting-list", handler::place, op -> op.operationId("waitingListPlace").tag("waiting list")
                .summary("Your place on the event's waiting list, and the seats offered to you once they are (offer: null before)")
                .security(OpenApiConfig.bearer())
                .response(responseBuilder().responseCode("200").implementation(WaitingListHandler.Place.class)))
            .DELETE("/api/v1/events/{id}/waiting-list", handler::leave, op -> op.operationId("leaveWaitingList").tag("waiting list")
                .summary("Leave the event's waiting list")
                .security(OpenApiConfig.bearer())
                .response(responseBuilder().responseCode("204")))
            .GET("/api/v1/admin/events/{id}/waiting-list", handler::summary, op -> op.operationId("waitingListSummary").tag("waiting list")
                .summary("Entries still waiting for an offer, and the offers open, taken and passed (admin)")
                .security(OpenApiConfig.bearer())
                .response(responseBuilder().responseCode("200").implementation(WaitingList.Summary.class)))
            .build();
    }
}
