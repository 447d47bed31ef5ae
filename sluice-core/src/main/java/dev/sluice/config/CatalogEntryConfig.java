package dev.sluice.config;

import java.util.Map;
import java.util.Objects;

/**
 * One catalog entry as configured: its settings after interpolation and environment overrides, before
 * any dataset is created.
 *
 * @param name the dataset name, or the factory pattern such as {@code "{name}_csv"}
 * @param settings every setting as written, including {@code type}, a {@code credentials} name and
 *     loader options such as {@code tee}; unmodifiable
 * @param source where the entry is defined ({@code conf/base/catalog.yml:12})
 * @param pattern whether {@code name} is a dataset factory pattern
 */
public record CatalogEntryConfig(String name, Map<String, Object> settings, String source, boolean pattern) {
    public CatalogEntryConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(source, "source");
    }

    /** The {@code type:} as written. */
    public String type() {
        return String.valueOf(settings.get("type"));
    }

    /** The settings with secrets masked ({@link SecretMasking#mask}), for display. */
    public Map<String, Object> describe() {
        return SecretMasking.mask(settings);
    }
}
