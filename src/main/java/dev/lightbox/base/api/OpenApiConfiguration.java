package dev.lightbox.base.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The REST API's OpenAPI document ({@code /api/v1/openapi}, Swagger UI at {@code /api/docs}): every
 * operation needs a bearer token except sign-up and login, and every operation lists the problem+json
 * answers any request can get (bad input, not signed in, not allowed, not found, server trouble).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";
    private static final String PROBLEM_SCHEMA = "Problem";
    private static final Set<String> PUBLIC_PATHS = Set.of("/api/v1/auth/signup", "/api/v1/auth/login", "/api/v1/billing/webhook");
    private static final Map<String, String> PROBLEMS = Map.of(
            "400", "The request is not valid; `detail` names the field.",
            "401", "No valid bearer token was sent.",
            "403", "Your account is not allowed to do this.",
            "404", "No such resource, or not yours.",
            "500", "Something went wrong on the server.",
            "503", "The database or object store is unavailable; retry after `Retry-After` seconds.");

    @Bean
    OpenAPI lightboxOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Lightbox API").version("v1")
                        .description("Self-hosted AI photo lab. Sign up or log in with POST /api/v1/auth/login, then send "
                                + "'Authorization: Bearer <token>'. Errors are RFC 9457 application/problem+json."))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("lbx_ token").description("An API token from login or from Settings."))
                        .addSchemas(PROBLEM_SCHEMA, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    OpenApiCustomizer openApiProblemResponses() {
        return openApi -> openApi.getPaths().forEach((path, item) -> {
            for (Operation operation : item.readOperations()) {
                if (PUBLIC_PATHS.contains(path)) operation.setSecurity(List.of());
                ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
                PROBLEMS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(problem ->
                        responses.putIfAbsent(problem.getKey(), problemResponse(problem.getValue())));
                operation.setResponses(responses);
            }
        });
    }

    private static ApiResponse problemResponse(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType("application/problem+json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        return new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema())
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema().description("What went wrong, in words a person can act on"))
                .addProperty("instance", new StringSchema());
    }
}
