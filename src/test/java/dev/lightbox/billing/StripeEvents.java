package dev.lightbox.billing;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook events as Stripe sends them (docs.stripe.com/webhooks#verify-manually): an Event object whose
 * {@code data.object} is the Checkout Session, and {@code Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "t.payload" with the endpoint's signing secret>}. Written here by hand, not with stripe-java, so the test checks
 * the app against Stripe's documented scheme rather than against the library's own idea of it.
 */
final class StripeEvents {

    static final String API_VERSION = "2026-05-27.dahlia";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StripeEvents() {
    }

    static String event(String type, String sessionId, String paymentStatus) {
        return event(type, sessionId, paymentStatus, API_VERSION, Map.of());
    }

    /** {@code claims}: extra fields of the session object (metadata, client_reference_id, amount_total …). */
    static String event(String type, String sessionId, String paymentStatus, String apiVersion, Map<String, Object> claims) {
        long now = System.currentTimeMillis() / 1000;
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("id", sessionId);
        session.put("object", "checkout.session");
        session.put("mode", "payment");
        session.put("payment_status", paymentStatus);
        session.put("status", type.endsWith("expired") ? "expired" : "complete");
        session.put("livemode", false);
        session.putAll(claims);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", null);
        request.put("idempotency_key", null);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", "evt_" + UUID.randomUUID().toString().replace("-", ""));
        event.put("object", "event");
        event.put("api_version", apiVersion);
        event.put("created", now);
        event.put("data", Map.of("object", session));
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        event.put("request", request);
        event.put("type", type);
        return JSON.writeValueAsString(event);
    }

    static String signature(String payload, String secret) {
        return signature(payload, secret, System.currentTimeMillis() / 1000);
    }

    static String signature(String payload, String secret, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String v1 = HexFormat.of().formatHex(mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8)));
            return "t=" + timestamp + ",v1=" + v1;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
