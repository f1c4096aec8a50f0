package dev.lightbox.jobs;

/** A named step of a multi-step job type: how many attempts reported it, and its average time. */
public record StepAverage(String step, long count, long avgMs) {
}
