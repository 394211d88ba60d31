package io.ticketing.queue.stream;

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

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;

@Configuration(proxyBeanMethods = false)
class StreamDescription {

    /** The position stream's description: its route is {@link StreamRoute}, beneath the router functions springdoc reads. */
    @Bean
    OpenApiCustomizer queueStreamDescription() {
        return api -> api.path(StreamRoute.PATTERN.getPatternString(), new PathItem().get(new Operation()
            .operationId("queueStream")
            .addTagsItem("waiting room")
            .summary("Server-Sent Events: position, ticket (a fresh streamUrl to reconnect with), admitted, closed, left; sold-out, after which"
                + " the stream stays open for offer (seats the waiting list offers you) for ticketing.queue.sold-out-linger, then ends with"
                + " sold-out again; open the streamUrl from entering or from your status, whose ticket opens streams for a few minutes")
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
