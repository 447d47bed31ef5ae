package dev.sluice.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Builds {@link DatasetSpec}s the way the catalog loader would, for tests of dataset types. */
public final class Specs {
    public static final String SOURCE = "conf/base/catalog.yml:7";

    private Specs() {}

    /** A spec for entry {@code name} whose nested datasets are built by the first of {@code types} that matches. */
    public static DatasetSpec spec(
            String name, String type, Map<String, Object> config, Path projectDir, List<DatasetType> types) {
        return DatasetSpec.builder(name, type)
                .config(config)
                .source(SOURCE)
                .projectDir(projectDir)
                .nestedFactory(nested -> create(nested, types))
                .build();
    }

    private static Dataset<?> create(DatasetSpec spec, List<DatasetType> types) {
        return DatasetTypes.of(types.toArray(DatasetType[]::new)).create(spec);
    }
}
