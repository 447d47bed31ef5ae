package dev.sluice.io;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Catalog type {@code slow} (also {@code SlowDataset}): a {@link SlowDataset} around the dataset
 * described by the nested {@code dataset:} mapping (which has its own {@code type}), with {@code
 * load_delay} and {@code save_delay} in seconds (default 0) and an optional {@code bytes_per_second}.
 *
 * <pre>{@code
 * model_input:
 *   type: slow
 *   load_delay: 10
 *   save_delay: 10
 *   dataset:
 *     type: csv
 *     filepath: data/03_primary/model_input.csv
 * }</pre>
 */
public final class SlowDatasetType implements DatasetType {
    private final SlowDataset.Sleeper sleeper;

    /** Pauses with {@link SlowDataset.Sleeper#system()}; the constructor {@link java.util.ServiceLoader} uses. */
    public SlowDatasetType() {
        this(SlowDataset.Sleeper.system());
    }

    /** Creates datasets that pause with {@code sleeper}. */
    public SlowDatasetType(SlowDataset.Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    @Override
    public String name() {
        return "slow";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("SlowDataset");
    }

    @Override
    public DatasetSchema schema() {
        return DatasetSchema.builder("Any other dataset, with added load and save delays: a simulated slow store"
                        + " for trying I/O modes and benchmarks.")
                .holds("what the wrapped dataset holds")
                .entry(
                        DatasetSchema.Option.of(
                                        "dataset",
                                        "catalog entry (a mapping with its own type)",
                                        "The wrapped dataset, which does the real loading and saving.")
                                .asRequired(),
                        DatasetSchema.Option.of("load_delay", "seconds", "Pause before every load.")
                                .withDefault("0"),
                        DatasetSchema.Option.of("save_delay", "seconds", "Pause before every save.")
                                .withDefault("0"),
                        DatasetSchema.Option.of(
                                "bytes_per_second",
                                "positive number",
                                "Also pause as long as moving the data at this rate would take (the wrapped"
                                        + " dataset's stored size)."))
                .build();
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        Duration loadDelay = delay(spec, "load_delay");
        Duration saveDelay = delay(spec, "save_delay");
        SlowDataset.Builder<?> builder = SlowDataset.wrap(spec.nested("dataset"))
                .loadDelay(loadDelay)
                .saveDelay(saveDelay)
                .sleeper(sleeper);
        if (spec.config().get("bytes_per_second") != null) {
            double rate = spec.number("bytes_per_second", 0);
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw spec.error("setting 'bytes_per_second' must be a positive number, not " + rate);
            }
            builder.bytesPerSecond(rate);
        }
        return builder.build();
    }

    private static Duration delay(DatasetSpec spec, String key) {
        double seconds = spec.number(key, 0);
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw spec.error("setting '" + key + "' must be a number of seconds of 0 or more, not " + seconds);
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
