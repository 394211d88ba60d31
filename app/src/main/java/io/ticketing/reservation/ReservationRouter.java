package io.ticketing.reservation;

import static org.springdoc.core.fn.builders.apiresponse.Builder.responseBuilder;
import static org.springdoc.core.fn.builders.parameter.Builder.parameterBuilder;
import static org.springdoc.core.fn.builders.requestbody.Builder.requestBodyBuilder;

import io.swagger.v3.oas.annotations.enums.ParameterIn;
import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.ticketing.web.OpenApiConfig;

@Configuration(proxyBeanMethods = false)
class ReservationRouter {

    @Bean
    RouterFunction<ServerResponse> reservationRoutes(ReservationHandler handler) {
        return SpringdocRouteBuilder.route()
            .POST("/api/v1/events/{id}/reservations", handler::hold, op -> op.operationId("holdSeats").tag("reservations")
                .summary("Hold chosen seats ({seatIds}) or the best available ({quantity}) with an Admission-Pass, or take an offer of the"
                    + " waiting list ({offerId}) without one; needs Idempotency-Key")
                .security(OpenApiConfig.bearer())
                .parameter(parameterBuilder().in(ParameterIn.HEADER).name(ReservationHandler.PASS_HEADER).required(false)
                    .description("Required to hold seats; not to take an offer"))
                .parameter(parameterBuilder().in(ParameterIn.HEADER).name(ReservationHandler.IDEMPOTENCY_HEADER).required(true))
                .requestBody(requestBodyBuilder().implementation(ReservationHandler.HoldBody.class))
                .response(responseBuilder().responseCode("201").implementation(ReservationView.class))
                .response(responseBuilder().responseCode("404").description("offer-unknown: no such offer of yours").implementation(ProblemDetail.class))
                .response(responseBuilder().responseCode("409").description("seats taken, sold out, or over the buyer's limit").implementation(ProblemDetail.class))
                .response(responseBuilder().responseCode("410").description("offer-expired: the offer passed").implementation(ProblemDetail.class))
                .response(responseBuilder().responseCode("503").description("pipeline full; retry after Retry-After").implementation(ProblemDetail.class)))
            .POST("/api/v1/reservations/{id}/confirm", handler::confirm, op -> op.operationId("confirmReservation").tag("reservations")
                .summary("Confirm a hold: the sale becomes final (409 when the hold expired)")
                .security(OpenApiConfig.bearer())
                .parameter(parameterBuilder().in(ParameterIn.HEADER).name(ReservationHandler.IDEMPOTENCY_HEADER).required(true))
                .response(responseBuilder().responseCode("200").implementation(ReservationView.class)))
            .DELETE("/api/v1/reservations/{id}", handler::cancel, op -> op.operationId("cancelReservation").tag("reservations")
                .summary("Cancel a hold; its seats are available again at once")
                .security(OpenApiConfig.bearer())
                .response(responseBuilder().responseCode("200").implementation(ReservationView.class)))
            .GET("/api/v1/reservations/{id}", handler::get, op -> op.operationId("getReservation").tag("reservations")
                .summary("One of my reservations (anyone else's is a 404)")
                .security(OpenApiConfig.bearer())
                .response(responseBuilder().responseCode("200").implementation(ReservationView.class)))
            .GET("/api/v1/reservations", handler::mine, op -> op.operationId("myReservations").tag("reservations")
                .summary("My reservations, newest first, keyset paginated")
                .security(OpenApiConfig.bearer())
                .response(responseBuilder().responseCode("200").description("{items, nextCursor}")))
            .build();
    }
}
