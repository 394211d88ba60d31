package io.ticketing.lane;

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
class LaneRouter {

    @Bean
    RouterFunction<ServerResponse> laneRoutes(LaneHandler handler) {
        return SpringdocRouteBuilder.route()
            .POST("/api/v1/admin/events/{id}/lanes", handler::create, op -> op.operationId("createLane").tag("lanes")
                .summary("Add a presale lane with its quota of seats and its access codes (admin)")
                .security(OpenApiConfig.bearer())
                .parameter(parameterBuilder().in(ParameterIn.PATH).name("id"))
                .requestBody(requestBodyBuilder().implementation(NewLane.class))
                .response(responseBuilder().responseCode("201").implementation(LaneView.class)))
            .GET("/api/v1/admin/events/{id}/lanes", handler::list, op -> op.operationId("listLanes").tag("lanes")
                .summary("An event's lanes with their seats sold, held and left (admin)")
                .security(OpenApiConfig.bearer())
                .parameter(parameterBuilder().in(ParameterIn.PATH).name("id"))
                .response(responseBuilder().responseCode("200").description("{items}")))
            .GET("/api/v1/admin/events/{id}/lanes/{laneId}/codes", handler::codes, op -> op.operationId("downloadLaneCodes").tag("lanes")
                .summary("A lane's access codes as CSV, once; a second download is 410 (admin)")
                .security(OpenApiConfig.bearer())
                .parameter(parameterBuilder().in(ParameterIn.PATH).name("id"))
                .parameter(parameterBuilder().in(ParameterIn.PATH).name("laneId"))
                .response(responseBuilder().responseCode("200").description("text/csv: a header 'code', one code a line")))
            .build();
    }
}
