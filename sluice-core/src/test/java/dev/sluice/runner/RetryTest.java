package dev.sluice.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.DatasetException;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.io.Dataset;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.storage.TransientIOException;
import dev.sluice.testing.FakeStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Retries: only transient failures are tried again, with exponential backoff and jitter, within a time
 * budget. Time is a fake clock that the retry sleeper advances, so no test sleeps.
 */
class RetryTest {
    private final FakeStore store = new FakeStore();
    private final FakeTime time = new FakeTime();

    /** A clock (nanoseconds) that only moves when a retry "sleeps"; records every wait. */
    static final class FakeTime implements LongSupplier, Retries.Sleeper {
        private final AtomicLong nanos = new AtomicLong();
        private final List<Duration> sleeps = new ArrayList<>();

        @Override
        public long getAsLong() {
            return nanos.get();
        }

        @Override
        public synchronized void sleep(Duration duration) {
            sleeps.add(duration);
            nanos.addAndGet(duration.toNanos());
        }

        synchronized List<Duration> sleeps() {
            return List.copyOf(sleeps);
        }

        Duration elapsed() {
            return Duration.ofNanos(nanos.get());
        }
    }

    private Runner.Builder runner(IoMode io) {
        return Runner.builder().io(io).time(time, time);
    }

    private static Pipeline makeX() {
        return Pipeline.of(Node.named("make_x").outputs("x").fn(() -> "X"));
    }

    static Stream<Arguments> permanentFailures() {
        return Stream.of(
                Arguments.of("a type error", (Supplier<RuntimeException>)
                        () -> new ClassCastException("java.lang.String cannot be cast to java.util.List")),
                Arguments.of("permission denied", (Supplier<RuntimeException>) () ->
                        new UncheckedIOException(new AccessDeniedException("/data/x", null, "Permission denied"))),
                Arguments.of("a full disk", (Supplier<RuntimeException>) () ->
                        new UncheckedIOException(new FileSystemException("/data/x", null, "No space left on device"))),
                Arguments.of("a missing bucket", (Supplier<RuntimeException>)
                        () -> new UncheckedIOException(new IOException("S3 bucket 'nope' does not exist"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("permanentFailures")
    void save_permanentFailure_isNotRetried(String what, Supplier<RuntimeException> failure) {
        store.failSaves("x", 5, failure);

        assertThatThrownBy(
                        () -> runner(IoMode.TEE).build().run(makeX(), DataCatalog.of(Map.of("x", store.dataset("x")))))
                .isInstanceOf(RunFailedException.class);

        assertThat(store.saveAttempts("x"))
                .as("attempts at a save that failed with " + what)
                .isEqualTo(1);
        assertThat(time.sleeps()).isEmpty();
    }

    static Stream<Arguments> transientFailures() {
        return Stream.of(
                Arguments.of("a store's transient error", (Supplier<RuntimeException>) () ->
                        new UncheckedIOException(new TransientIOException("S3 answered SlowDown, HTTP 503", null))),
                Arguments.of("a read timeout", (Supplier<RuntimeException>)
                        () -> new UncheckedIOException(new SocketTimeoutException("Read timed out"))),
                Arguments.of("a connection reset", (Supplier<RuntimeException>)
                        () -> new UncheckedIOException(new SocketException("Connection reset"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transientFailures")
    void save_transientFailureThreeTimes_isRetriedWithGrowingJitteredBackoffAndCommits(
            String what, Supplier<RuntimeException> failure) {
        store.failSaves("x", 3, failure);

        RunResult result = runner(IoMode.TEE).build().run(makeX(), DataCatalog.of(Map.of("x", store.dataset("x"))));

        assertThat(result.saveStates()).containsEntry("x", SaveState.COMMITTED);
        assertThat(store.read("x")).contains("X");
        assertThat(store.saveAttempts("x")).isEqualTo(4);
        List<Duration> sleeps = time.sleeps();
        assertThat(sleeps).hasSize(3);
        long[] fullMillis = {500, 1000, 2000};
        for (int i = 0; i < sleeps.size(); i++) {
            assertThat(sleeps.get(i).toMillis())
                    .as("wait before retry %d", i + 1)
                    .isBetween(fullMillis[i] / 2, fullMillis[i]);
        }
    }

    @ParameterizedTest
    @EnumSource(IoMode.class)
    void save_storeGoneForAMinute_defaultPolicyRidesItOutInEveryIoMode(IoMode io) {
        Duration outage = Duration.ofSeconds(60);
        Dataset<Object> flaky = new OutageDataset(store.dataset("x"), time, outage);

        RunResult result = runner(io).build().run(makeX(), DataCatalog.of(Map.of("x", flaky)));

        assertThat(result.saveStates()).containsEntry("x", SaveState.COMMITTED);
        assertThat(time.elapsed()).isGreaterThanOrEqualTo(outage);
        assertThat(time.elapsed()).isLessThan(RetryPolicy.DEFAULT.budget());
    }

    @Test
    void save_transientFailureForever_stopsWhenTheBudgetIsSpentNamingDatasetAndBudget() {
        store.failSaves("x", Integer.MAX_VALUE);

        assertThatThrownBy(() -> runner(IoMode.TEE)
                        .retry(RetryPolicy.DEFAULT.withMaxRetries(1000))
                        .build()
                        .run(makeX(), DataCatalog.of(Map.of("x", store.dataset("x")))))
                .isInstanceOfSatisfying(RunFailedException.class, e -> {
                    assertThat(e.primary()).isInstanceOf(DatasetException.class);
                    assertThat(e.primary().getMessage())
                            .startsWith("Saving dataset 'x' failed after ")
                            .contains("each with a transient error; the retry budget of 90.0 s is spent")
                            .contains("injected failure writing x");
                });
        assertThat(time.elapsed()).isLessThanOrEqualTo(RetryPolicy.DEFAULT.budget());
        Duration lastWait = time.sleeps().get(time.sleeps().size() - 1);
        assertThat(lastWait).isLessThanOrEqualTo(RetryPolicy.DEFAULT.maxBackoff());
    }

    @Test
    void save_transientFailureBeyondTheRetries_namesTheAttempts() {
        store.failSaves("x", 5);

        assertThatThrownBy(() -> runner(IoMode.SYNC)
                        .saveRetries(2, Duration.ofMillis(100))
                        .build()
                        .run(makeX(), DataCatalog.of(Map.of("x", store.dataset("x")))))
                .isInstanceOfSatisfying(
                        RunFailedException.class, e -> assertThat(e.primary().getMessage())
                                .startsWith("Saving dataset 'x' failed after 3 attempts in ")
                                .contains("no retry left (at most 2, --save-retries)"));
        assertThat(store.saveAttempts("x")).isEqualTo(3);
    }

    @Test
    void load_transientFailure_isRetriedToo() {
        store.put("raw", "r");
        AtomicInteger loads = new AtomicInteger();
        Dataset<Object> raw = new ForwardingDataset(store.dataset("raw")) {
            @Override
            public Object load() {
                if (loads.incrementAndGet() <= 2) {
                    throw new UncheckedIOException(new SocketTimeoutException("Read timed out"));
                }
                return super.load();
            }
        };
        Pipeline pipeline =
                Pipeline.of(Node.named("upper").inputs("raw").outputs("x").fn((String r) -> r.toUpperCase()));

        RunResult result = runner(IoMode.TEE).build().run(pipeline, DataCatalog.of(Map.of("raw", raw)));

        assertThat(result.freeOutputs()).containsEntry("x", "R");
        assertThat(loads).hasValue(3);
    }

    @Test
    void backoff_growsToTheCapWithJitterBetweenHalfAndAll() {
        RetryPolicy policy = new RetryPolicy(20, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofMinutes(5));

        assertThat(policy.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(250));
        assertThat(policy.backoff(1, 0.999999)).isBetween(Duration.ofMillis(499), Duration.ofMillis(500));
        assertThat(policy.backoff(4, 0.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(12, 0.0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.backoff(60, 0.999999)).isLessThanOrEqualTo(Duration.ofSeconds(20));
    }

    /** Fails every save with a transient error until the fake clock passes the end of the outage. */
    private static final class OutageDataset extends ForwardingDataset {
        private final FakeTime time;
        private final Duration outage;

        OutageDataset(Dataset<Object> dataset, FakeTime time, Duration outage) {
            super(dataset);
            this.time = time;
            this.outage = outage;
        }

        @Override
        public void save(Object value) {
            if (time.elapsed().compareTo(outage) < 0) {
                throw new UncheckedIOException(
                        new TransientIOException("S3 answered ServiceUnavailable, HTTP 503", null));
            }
            super.save(value);
        }
    }

    /** Passes everything to another dataset; subclasses change what they test. */
    private static class ForwardingDataset implements Dataset<Object> {
        private final Dataset<Object> dataset;

        ForwardingDataset(Dataset<Object> dataset) {
            this.dataset = dataset;
        }

        @Override
        public Object load() {
            return dataset.load();
        }

        @Override
        public void save(Object value) {
            dataset.save(value);
        }

        @Override
        public boolean exists() {
            return dataset.exists();
        }

        @Override
        public String storeKey() {
            return dataset.storeKey();
        }

        @Override
        public Map<String, Object> describe() {
            return dataset.describe();
        }
    }
}
