package dev.lightbox.base;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link LightboxStartupException} anywhere in the failure chain into Spring Boot's short failure report. */
class StartupFailureAnalyzer extends AbstractFailureAnalyzer<LightboxStartupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LightboxStartupException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
