package dev.sluice.runner;

import dev.sluice.DatasetException;
import dev.sluice.SluiceException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a load or save attempt again while its failures are transient and the run's {@link RetryPolicy}
 * allows; the only place that decides whether to retry. Concurrency limits are the caller's (the save
 * queue's store limiters); this class only repeats and waits. Thread-safe.
 */
final class Retries {
    private static final Logger LOG = LoggerFactory.getLogger(Retries.class);

    /** Waits between attempts; tests pass one that advances their clock instead of sleeping. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Sleeps the calling thread. */
    static final Sleeper THREAD_SLEEP = duration -> {
        if (!duration.isZero()) {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        }
    };

    private final RetryPolicy policy;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    Retries(RetryPolicy policy, LongSupplier clock, Sleeper sleeper) {
        this(policy, clock, sleeper, () -> ThreadLocalRandom.current().nextDouble());
    }

    Retries(RetryPolicy policy, LongSupplier clock, Sleeper sleeper, DoubleSupplier random) {
        this.policy = policy;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
    }

    /**
     * Runs {@code attempt} until it returns, fails permanently, or the policy allows no more retries.
     *
     * @param action what the attempt does, for messages: "Saving" or "Loading"
     * @throws RuntimeException a permanent failure as thrown; after retries, a {@link DatasetException}
     *     naming the dataset, the attempts and why they stopped, caused by the last failure
     */
    <T> T run(String dataset, String action, Supplier<T> attempt) {
        long start = clock.getAsLong();
        for (int count = 1; ; count++) {
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                String transientReason = TransientFailures.reason(e).orElse(null);
                if (transientReason == null) {
                    if (count > 1) {
                        LOG.debug("{} '{}' failed permanently after {} attempts", action, dataset, count);
                    }
                    throw e;
                }
                if (policy.maxRetries() == 0) {
                    throw e;
                }
                Duration elapsed = Duration.ofNanos(clock.getAsLong() - start);
                if (count > policy.maxRetries()) {
                    throw exhausted(
                            dataset,
                            action,
                            count,
                            elapsed,
                            "no retry left (at most " + policy.maxRetries() + ", --save-retries)",
                            e);
                }
                Duration wait = policy.backoff(count, random.getAsDouble());
                if (elapsed.plus(wait).compareTo(policy.budget()) > 0) {
                    throw exhausted(
                            dataset,
                            action,
                            count,
                            elapsed,
                            "the retry budget of " + seconds(policy.budget()) + " is spent (--retry-budget)",
                            e);
                }
                LOG.warn(
                        "{} '{}' failed with {} (attempt {} of at most {}); retrying in {}: {}",
                        action,
                        dataset,
                        transientReason,
                        count,
                        policy.maxRetries() + 1,
                        seconds(wait),
                        e.getMessage());
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    SluiceException stop = new SluiceException(
                            "Interrupted while waiting to retry " + action.toLowerCase(Locale.ROOT) + " '" + dataset
                                    + "'",
                            interrupted);
                    stop.addSuppressed(e);
                    throw stop;
                }
            }
        }
    }

    private static DatasetException exhausted(
            String dataset, String action, int attempts, Duration elapsed, String why, RuntimeException last) {
        return new DatasetException(
                dataset,
                action + " dataset '" + dataset + "' failed after " + attempts + " attempts in " + seconds(elapsed)
                        + ", each with a transient error; " + why + ". Last error: " + last.getMessage(),
                last);
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
