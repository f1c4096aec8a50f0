package dev.lightbox.coach.service;

/** A number (or short value) an answer rests on, already formatted for people: {@code {"name": "photos", "value": "42"}}. */
public record Fact(String name, String value) {
}
