package dev.lightbox.billing.service;

/** A pack of credits on sale: {@code amount} in the currency's smallest unit (cents), {@code currency} lower-case ISO. */
public record CreditPack(String id, long credits, long amount, String currency) {
}
