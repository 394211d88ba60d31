package io.ticketing.queue;

import static org.springdoc.core.fn.builders.apiresponse.Builder.responseBuilder;
import static org.springdoc.core.fn.builders.requestbody.Builder.requestBodyBuilder;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.ticketing.web.OpenApiConfig;

@Configuration(proxyBeanMethods = false)
class QueueRouter {

    @Bean
    RouterFunction<ServerResponse> queueRoutes(QueueHandler handler) {
        return SpringdocRouteBuilder.route()
            .POST("/api/v1/events/{id}/queue", handler::enter, op -> op.operationId("enterQueue").tag("waiting room")
                .summary("Enter the event's waiting room; entering again keeps your place")
                .security(OpenApiConfig.bearer())
                .response(responseBuilder().responseCode("200").implementation(QueueSnapshot.class)))
            .GET("/api/v1/events/{id}/queue/me", handler::me, op -> op.operationId("queueStatus").tag("waiting room")
                .summary("Your place in line, or your pass once admitted")
                .security(OpenApiConfig.bearer())
                .response(responseBuilder().responseCode("200").implementation(QueueSnapshot.class)))
            .DELETE("/api/v1/events/{id}/queue/me", handler::leave, op -> op.operationId("leaveQueue").tag("waiting room")
                .summary("Leave the line (or give up an admission)")
                .security(OpenApiConfig.bearer())
                .response(responseBuilder().responseCode("204")))
            .GET("/api/v1/admin/events/{id}/queue", handler::stats, op -> op.operationId("queueStats").tag("waiting room")
                .summary("Waiting, admitted, active and skipped users and the admission settings (admin)")
                .security(OpenApiConfig.bearer())
                .response(responseBuilder().responseCode("200").implementation(QueueAdmin.QueueStats.class)))
            .PUT("/api/v1/admin/events/{id}/queue", handler::configure, op -> op.operationId("configureQueue").tag("waiting room")
                .summary("Change admissionRatePerSecond, maxActive or paused live on every instance (admin)")
                .security(OpenApiConfig.bearer())
                .requestBody(requestBodyBuilder().implementation(QueueAdmin.QueueSettings.class))
                .response(responseBuilder().responseCode("200").implementation(QueueAdmin.QueueStats.class)))
            .build();
    }

    /** The position stream's description: its route is {@link StreamRoute}, beneath the router functions springdoc reads. */
    @Bean
    OpenApiCustomizer queueStreamDescription() {
        return api -> api.path(StreamRoute.PATTERN.getPatternString(), new PathItem().get(new Operation()
            .operationId("queueStream")
            .addTagsItem("waiting room")
            .summary("Server-Sent Events: position, ticket (a fresh streamUrl to reconnect with), admitted, sold-out, closed, left; "
                + "open the streamUrl from entering or from your status, whose ticket opens streams for a few minutes")
            .addParametersItem(new PathParameter().name("id").schema(new IntegerSchema().format("int64")))
            .addParametersItem(new QueryParameter().name("ticket").required(true).schema(new StringSchema()))
            .responses(new ApiResponses()
                .addApiResponse("200", new ApiResponse().description("text/event-stream")
                    .content(new Content().addMediaType(org.springframework.http.MediaType.TEXT_EVENT_STREAM_VALUE, new MediaType().schema(new StringSchema()))))
                .addApiResponse("429", new ApiResponse().description("too-many-streams: the user already has the most streams open for this event")
                    .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                        new MediaType().schema(new Schema<ProblemDetail>().$ref("#/components/schemas/ProblemDetail"))))))));
    }
}
