package dev.sluice.runner;

/** Time for runner tests outside this package, which cannot reach {@link Runner.Builder}'s clock. */
public final class TestClocks {
    private TestClocks() {}

    /**
     * {@code builder} with a clock that never moves and retries that never sleep: every save takes the
     * same (no) time, so the store limiter reacts to failures and concurrency only, never to how busy
     * the machine running the test is.
     */
    public static Runner.Builder frozen(Runner.Builder builder) {
        return builder.time(() -> 0L, duration -> {});
    }
}
