package dev.lightbox.billing.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightbox.billing.StripeApiStub;
import dev.lightbox.billing.StripeProperties;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** stripe-java against a loopback Stripe that is not there, or that refuses the key: a clear failure the API answers as 502. */
class StripeGatewayTest {

    private static final CreditPack PACK = new CreditPack("p100", 100, 200, "usd");

    @Test
    void anUnreachableStripeIsStripeUnavailable() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var gateway = new StripeGateway(new StripeProperties("sk_test_x", "whsec_x", URI.create("http://127.0.0.1:" + closedPort)));
        assertThatThrownBy(() -> gateway.createCheckoutSession(PACK, UUID.randomUUID(), "https://a.test/s", "https://a.test/c"))
                .isInstanceOf(StripeUnavailableException.class).hasMessageContaining("nothing was charged");
    }

    @Test
    void aRefusedKeyIsStripeUnavailableAndIsNotRetried() throws Exception {
        try (var stripe = new StripeApiStub("sk_test_theRightKey")) {
            var gateway = new StripeGateway(new StripeProperties("sk_test_aWrongKey", "whsec_x", URI.create(stripe.url())));
            assertThatThrownBy(() -> gateway.createCheckoutSession(PACK, UUID.randomUUID(), "https://a.test/s", "https://a.test/c"))
                    .isInstanceOf(StripeUnavailableException.class).message().doesNotContain("aWrongKey");
            assertThat(stripe.calls()).hasSize(1);
            assertThat(stripe.calls().getFirst().authorization()).isEqualTo("Bearer sk_test_aWrongKey");
        }
    }
}
