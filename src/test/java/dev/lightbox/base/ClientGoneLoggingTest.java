package dev.lightbox.base;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.IntegrationTest;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A closed browser tab is no ERROR in the log. Vaadin's push handler reports a push to a closed tab as
 * {@code ERROR … Exception in push connection} with Tomcat's "the WebSocket session has been closed" (seen in the
 * browser tests' log); the running app logs that at DEBUG only, and other push errors as before.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientGoneLoggingTest extends IntegrationTest {

    private static final org.slf4j.Logger PUSH = LoggerFactory.getLogger("com.vaadin.flow.server.communication.PushAtmosphereHandler");

    @Test
    void aPushToAClosedTabIsNotLoggedAsAnError(CapturedOutput output) {
        PUSH.error("Exception in push connection",
                new IllegalStateException("Message will not be sent because the WebSocket session has been closed"));
        PUSH.error("Exception in push connection", new RuntimeException("wrapped", new IOException("Broken pipe")));
        assertThat(output.getAll()).doesNotContain("Exception in push connection").doesNotContain("WebSocket session has been closed");
    }

    @Test
    void otherPushErrorsAreStillLogged(CapturedOutput output) {
        PUSH.error("Exception in push connection", new IllegalStateException("a real bug"));
        assertThat(output.getAll()).contains("ERROR").contains("Exception in push connection").contains("a real bug");
    }
}
