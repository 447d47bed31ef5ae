package dev.sluice.io;

import java.util.Optional;
import java.util.Set;

/**
 * The ways a Kedro catalog spells one dataset type, reduced to the spelling a {@link DatasetType}
 * registers: {@code kedro_datasets.pandas.CSVDataset} and {@code kedro.io.MemoryDataset} name {@code
 * pandas.CSVDataset} and {@code MemoryDataset}, as Kedro itself resolves {@code type:} by trying those
 * packages. Kedro 0.18's spellings ({@code pandas.CSVDataSet}, {@code kedro.extras.datasets.pandas.CSVDataSet})
 * are outdated: they still name the type, and the catalog warns once per entry with the current name.
 *
 * @param registered the spelling to look up among registered names and aliases
 * @param outdated whether the written spelling is Kedro 0.18's, no longer accepted by Kedro itself
 */
record KedroSpelling(String registered, boolean outdated) {
    private static final String OLD_PACKAGE = "kedro.extras.datasets.";
    private static final Set<String> PACKAGES = Set.of("kedro_datasets.", "kedro.io.");
    private static final String OLD_SUFFIX = "DataSet";

    /** The spelling to look up for {@code written}; empty when {@code written} is not a Kedro spelling. */
    static Optional<KedroSpelling> of(String written) {
        String name = written;
        boolean outdated = false;
        if (name.startsWith(OLD_PACKAGE)) {
            name = name.substring(OLD_PACKAGE.length());
            outdated = true;
        } else {
            for (String prefix : PACKAGES) {
                if (name.startsWith(prefix)) {
                    name = name.substring(prefix.length());
                }
            }
        }
        if (name.endsWith(OLD_SUFFIX)) {
            name = name.substring(0, name.length() - OLD_SUFFIX.length()) + "Dataset";
            outdated = true;
        }
        return name.equals(written) || name.isEmpty()
                ? Optional.empty()
                : Optional.of(new KedroSpelling(name, outdated));
    }

    /**
     * The name to suggest instead of an outdated spelling: {@code registered}, with the family Kedro files
     * the type under today when the old spelling had none ({@code IncrementalDataSet} is now {@code
     * partitions.IncrementalDataset}).
     */
    String current(DatasetType type) {
        if (registered.indexOf('.') >= 0) {
            return registered;
        }
        return type.aliases().stream()
                .filter(alias -> alias.endsWith("." + registered)
                        && alias.indexOf('.') == alias.length() - registered.length() - 1
                        && !alias.startsWith("io."))
                .sorted()
                .findFirst()
                .orElse(registered);
    }
}
