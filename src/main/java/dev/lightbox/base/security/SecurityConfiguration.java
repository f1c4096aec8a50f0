package dev.lightbox.base.security;

import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Two filter chains: a stateless one for {@code /api/**} and {@code /actuator/**} (bearer tokens,
 * problem+json errors), and Vaadin's session-based one for the UI with the login view at {@code /login}.
 * Admin-only paths are checked here on the server, not just hidden in the UI.
 * <p>
 * The login form post needs Spring's CSRF token (Vaadin would exempt it, which lets another site sign a
 * browser in to an account of its choosing); Vaadin's own requests carry Vaadin's CSRF token instead.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity // @PreAuthorize on services; Vaadin checks views' @PermitAll/@RolesAllowed itself
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(HttpSecurity http, ApiTokenAuthenticator tokens, ProblemResponses problems,
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> controllers) throws Exception {
        http.securityMatcher("/api/**", "/actuator/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new UnavailableDependencyFilter(problems), DisableEncodeUrlFilter.class)
                .addFilterBefore(new BearerTokenFilter(tokens, problems), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        // a streamed response finishes on an async dispatch of a request authorized already
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/signup", "/api/v1/auth/login").permitAll()
                        // Telegram's webhook calls carry its secret header instead of a login; the controller checks it
                        .requestMatchers(HttpMethod.POST, "/api/v1/telegram/webhook").permitAll()
                        // Stripe's webhook calls carry a Stripe-Signature header instead of a login; the controller verifies it
                        .requestMatchers(HttpMethod.POST, "/api/v1/billing/webhook").permitAll()
                        // the API's description and Swagger UI describe no user's data
                        .requestMatchers(HttpMethod.GET, "/api/v1/openapi", "/api/v1/openapi/**", "/api/docs", "/api/docs/**",
                                "/api/swagger-ui/**").permitAll()
                        .requestMatchers(new UnknownApiPathMatcher(controllers)).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/api/v1/admin/**", "/actuator/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(problems::unauthorized)
                        .accessDeniedHandler(problems::forbidden));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain uiFilterChain(HttpSecurity http, RequestUtil vaadinRequests) throws Exception {
        http.csrf(csrf -> csrf.ignoringRequestMatchers(vaadinRequests::isFrameworkInternalRequest));
        http.authorizeHttpRequests(requests -> requests
                .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                .requestMatchers("/styles.css", "/icons/**", "/favicon.ico", "/error").permitAll()
                // photos for <img> tags: signed in by session, ownership checked by the controller
                .requestMatchers("/media/**").authenticated());
        // any other path reaches Vaadin's router when signed in, which shows "not found" in the shell (Vaadin denies it by default: a bare 403)
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView("/login").enableCsrfConfiguration(false)
                .anyRequest(AuthorizeHttpRequestsConfigurer.AuthorizedUrl::authenticated));
        return http.build();
    }
}
