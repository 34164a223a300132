package dev.sam.emulator.git;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every git request's outcome, in order, also written to the emulator's log (without the token). */
public final class GitRequestLog {
    private static final System.Logger LOG = System.getLogger(GitRequestLog.class.getName());

    private final List<GitRequestOutcome> outcomes = new CopyOnWriteArrayList<>();

    void record(GitRequestOutcome outcome) {
        outcomes.add(outcome);
        LOG.log(System.Logger.Level.INFO, outcome.logLine());
    }

    public List<GitRequestOutcome> outcomes() {
        return List.copyOf(outcomes);
    }
}
