package dev.lightbox.sync.service;

import java.util.List;

/** A sync call with problems: every one of them, and nothing of the call was stored. */
public class SyncRejectedException extends RuntimeException {

    private final List<SyncProblem> problems;

    public SyncRejectedException(List<SyncProblem> problems) {
        super(problems.size() == 1 ? "The sync call has a problem." : "The sync call has " + problems.size() + " problems.");
        this.problems = List.copyOf(problems);
    }

    public List<SyncProblem> problems() {
        return problems;
    }
}
