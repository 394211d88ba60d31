package io.ticketing.queue;

import static org.springdoc.core.fn.builders.apiresponse.Builder.responseBuilder;
import static org.springdoc.core.fn.builders.requestbody.Builder.requestBodyBuilder;

import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.ticketing.door.Challenges;
import io.ticketing.web.OpenApiConfig;

@Configuration(proxyBeanMethods = false)
class QueueRouter {

    @Bean
    RouterFunction<ServerResponse> queueRoutes(QueueHandler handler) {
        return SpringdocRouteBuilder.route()
            .GET("/api/v1/events/{id}/queue/challenge", handler::challenge, op -> op.operationId("queueChallenge").tag("waiting room")
                .summary("A proof-of-work challenge for entering: find a decimal counter such that SHA-256(challenge + \":\" + counter) "
                    + "begins with `bits` zero bits, and send both when entering (any counter solves 0 bits)")
                .security(OpenApiConfig.bearer())
                .response(responseBuilder().responseCode("200").implementation(Challenges.Challenge.class)))
            .POST("/api/v1/events/{id}/queue", handler::enter, op -> op.operationId("enterQueue").tag("waiting room")
                .summary("Enter the event's waiting room, with the solution of a challenge while the event asks for one, "
                    + "or a presale lane's line with its accessCode (bound to your account on first use); entering again keeps your place")
                .security(OpenApiConfig.bearer())
                .requestBody(requestBodyBuilder().implementation(EntryBody.class).required(false))
                .response(responseBuilder().responseCode("200").implementation(QueueSnapshot.class)))
            .GET("/api/v1/events/{id}/queue/me", handler::me, op -> op.operationId("queueStatus").tag("waiting room")
                .summary("Your place in line, or your pass once admitted; ?lane={laneId} for a presale lane's line")
                .security(OpenApiConfig.bearer())
                .response(responseBuilder().responseCode("200").implementation(QueueSnapshot.class)))
            .DELETE("/api/v1/events/{id}/queue/me", handler::leave, op -> op.operationId("leaveQueue").tag("waiting room")
                .summary("Leave the line (or give up an admission); ?lane={laneId} for a presale lane's line")
                .security(OpenApiConfig.bearer())
                .response(responseBuilder().responseCode("204")))
            .GET("/api/v1/admin/events/{id}/queue", handler::stats, op -> op.operationId("queueStats").tag("waiting room")
                .summary("Waiting, admitted, active and skipped users, the settings and the mode in force (admin)")
                .security(OpenApiConfig.bearer())
                .response(responseBuilder().responseCode("200").implementation(QueueAdmin.QueueStats.class)))
            .PUT("/api/v1/admin/events/{id}/queue", handler::configure, op -> op.operationId("configureQueue").tag("waiting room")
                .summary("Change admissionRatePerSecond, maxActive, paused, mode, message or challengeBits live on every instance; "
                    + "recorded in the change log (admin)")
                .security(OpenApiConfig.bearer())
                .requestBody(requestBodyBuilder().implementation(QueueSettings.Change.class))
                .response(responseBuilder().responseCode("200").implementation(QueueAdmin.QueueStats.class)))
            .PUT("/api/v1/admin/events/{id}/queue/schedule", handler::schedule, op -> op.operationId("scheduleQueueModes").tag("waiting room")
                .summary("Replace the schedule of modes, a JSON array of {mode, from, to}; inside a window its mode is in force (admin)")
                .security(OpenApiConfig.bearer())
                .requestBody(requestBodyBuilder().implementation(QueueSettings.ScheduledMode[].class))
                .response(responseBuilder().responseCode("200").implementation(QueueAdmin.QueueStats.class)))
            .GET("/api/v1/admin/events/{id}/queue/changes", handler::changes, op -> op.operationId("queueSettingChanges").tag("waiting room")
                .summary("Who changed the waiting room's settings, when, from what to what; newest first (admin)")
                .security(OpenApiConfig.bearer())
                .response(responseBuilder().responseCode("200").implementation(QueueSettingsStore.SettingsChange[].class)))
            .build();
    }
}
