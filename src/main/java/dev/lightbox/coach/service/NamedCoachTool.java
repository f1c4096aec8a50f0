package dev.lightbox.coach.service;

/** A coach tool's fixed parts, given once: its name, what it answers, and its input record. */
abstract class NamedCoachTool<I extends Record> implements CoachTool<I> {

    private final String name;
    private final String description;
    private final Class<I> input;

    NamedCoachTool(String name, String description, Class<I> input) {
        this.name = name;
        this.description = description;
        this.input = input;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final Class<I> input() {
        return input;
    }
}
