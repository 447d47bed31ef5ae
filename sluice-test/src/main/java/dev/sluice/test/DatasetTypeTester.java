package dev.sluice.test;

import dev.sluice.Warning;
import dev.sluice.Warnings;
import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import dev.sluice.io.DatasetTypes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * For tests of a {@link DatasetType}: builds datasets from the settings a catalog entry would give,
 * through the same registry path the catalog takes (the type's schema checked, nested datasets built
 * by the registered types, warnings collected), and checks that a value survives a save and a load.
 *
 * <pre>{@code
 * DatasetTypeTester tester = DatasetTypeTester.of(new GeoJsonDatasetType()).projectDir(tempDir);
 * Dataset<?> shapes = tester.create("shapes", "geojson", Map.of("filepath", "data/shapes.json"));
 * tester.assertRoundTrip(shapes, featureCollection);
 * }</pre>
 *
 * <p>Messages name the entry as defined at {@link #SOURCE}, as if it came from a catalog file.
 */
public final class DatasetTypeTester {
    /** Where the entries a tester builds are said to be defined, in messages. */
    public static final String SOURCE = "conf/base/catalog.yml:1";

    private final DatasetTypes types;
    private final Warnings warnings = Warnings.create();
    private Path projectDir = Path.of("");
    private Map<String, Object> credentials = Map.of();

    private DatasetTypeTester(DatasetTypes types) {
        this.types = types;
    }

    /** A tester for {@code types}, registered in code (later ones win a shared name). */
    public static DatasetTypeTester of(DatasetType... types) {
        return new DatasetTypeTester(DatasetTypes.of(types));
    }

    /** A tester for every type on the class path, as a project finds them. */
    public static DatasetTypeTester discovered() {
        return new DatasetTypeTester(DatasetTypes.discover());
    }

    /** The directory relative {@code filepath}s resolve against (default: the working directory). */
    public DatasetTypeTester projectDir(Path dir) {
        this.projectDir = Objects.requireNonNull(dir, "dir");
        return this;
    }

    /** The resolved credentials entries get, as a {@code credentials:} reference would give them. */
    public DatasetTypeTester credentials(Map<String, Object> resolved) {
        this.credentials = Map.copyOf(resolved);
        return this;
    }

    /** The settings of entry {@code name} of {@code type} as a {@link DatasetSpec}, without creating a dataset. */
    public DatasetSpec spec(String name, String type, Map<String, Object> settings) {
        return DatasetSpec.builder(name, type)
                .config(settings)
                .source(SOURCE)
                .projectDir(projectDir)
                .credentials(credentials)
                .warnings(warnings)
                .nestedFactory(types::create)
                .build();
    }

    /**
     * The dataset entry {@code name} of {@code type} with {@code settings} (everything but {@code type}
     * and {@code credentials}) makes, as the catalog would create it.
     *
     * @throws dev.sluice.ConfigurationException as the catalog would report a bad entry
     */
    public Dataset<?> create(String name, String type, Map<String, Object> settings) {
        return types.create(spec(name, type, settings));
    }

    /** The warnings the entries created so far gave, each once. */
    public List<Warning> warnings() {
        return warnings.list();
    }

    /**
     * Saves {@code value} to {@code dataset}, loads it back and checks that the loaded value equals it
     * (arrays by content); returns the loaded value for further checks.
     *
     * @throws AssertionError saying both values when they differ
     */
    @SuppressWarnings("unchecked")
    public Object assertRoundTrip(Dataset<?> dataset, Object value) {
        ((Dataset<Object>) dataset).save(value);
        if (!dataset.exists()) {
            throw new AssertionError("After a save, " + dataset.describe() + " says it holds no data.");
        }
        Object loaded = dataset.load();
        if (!Objects.deepEquals(loaded, value)) {
            throw new AssertionError("Saving and loading " + dataset.describe() + " changed the value:"
                    + System.lineSeparator() + "  saved:  " + value + System.lineSeparator() + "  loaded: " + loaded);
        }
        return loaded;
    }
}
