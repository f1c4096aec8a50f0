package dev.lightbox.base.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /actuator/**} paths no endpoint serves answer 404 problem+json for every method, instead of falling
 * through to the web page (Vaadin takes whatever nothing else maps). Actuator's own endpoints are mapped
 * before controllers, so they are not affected.
 */
@RestController
class UnknownActuatorPaths {

    @RequestMapping("/actuator/**")
    ResponseEntity<ProblemDetail> notFound() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such actuator endpoint."));
    }
}
