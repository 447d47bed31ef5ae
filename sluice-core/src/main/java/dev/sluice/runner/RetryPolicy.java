package dev.sluice.runner;

import dev.sluice.ConfigurationException;
import java.time.Duration;

/**
 * When a failed load or save is tried again. Only transient failures are retried (see
 * {@link TransientFailures}: throttling, 5xx answers, reset or refused connections, timeouts); a type
 * error, a refused permission, a missing bucket or a full disk fails at once.
 *
 * <p>Retry {@code n} waits a random time between half and all of {@code firstBackoff * 2^(n-1)},
 * capped at {@code maxBackoff} ("equal jitter": concurrent saves that failed together do not retry
 * together), and no retry starts once {@code budget} has passed since the first attempt. The defaults
 * (10 retries, 0.5 s doubling to at most 20 s, a 90 s budget) ride out an object store that is gone
 * for about a minute.
 *
 * @param maxRetries the most retries after the first attempt; 0 never retries
 * @param firstBackoff the wait before the first retry (before jitter)
 * @param maxBackoff the longest wait between two attempts (before jitter)
 * @param budget how long after the first attempt a retry may still start
 */
public record RetryPolicy(int maxRetries, Duration firstBackoff, Duration maxBackoff, Duration budget) {
    /** 10 retries, 0.5 s doubling to 20 s, within 90 s. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(10, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofSeconds(90));

    /** No retry: every failure is final. */
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new ConfigurationException("RetryPolicy: maxRetries must not be negative, not " + maxRetries + ".");
        }
        for (Duration d : new Duration[] {firstBackoff, maxBackoff, budget}) {
            if (d == null || d.isNegative()) {
                throw new ConfigurationException(
                        "RetryPolicy: backoffs and budget must be zero or positive durations, not " + d + ".");
            }
        }
    }

    /** This policy with another number of retries. */
    public RetryPolicy withMaxRetries(int retries) {
        return new RetryPolicy(retries, firstBackoff, maxBackoff, budget);
    }

    /** This policy with another budget. */
    public RetryPolicy withBudget(Duration newBudget) {
        return new RetryPolicy(maxRetries, firstBackoff, maxBackoff, newBudget);
    }

    /**
     * The wait before retry {@code retry} (1 for the first), given {@code random} in [0, 1): between half
     * and all of the capped exponential backoff.
     */
    Duration backoff(int retry, double random) {
        long first = firstBackoff.toNanos();
        long cap = maxBackoff.toNanos();
        long full = first;
        for (int i = 1; i < retry && full < cap; i++) {
            full = full > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : full * 2;
        }
        full = Math.min(full, cap);
        return Duration.ofNanos(full / 2 + (long) ((full - full / 2) * random));
    }
}
