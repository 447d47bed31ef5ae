package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.Warning;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetSchema;
import dev.sluice.io.DatasetSchema.Option;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import dev.sluice.io.DatasetTypes;
import dev.sluice.io.MemoryDataset;
import dev.sluice.io.MemoryDatasetType;
import dev.sluice.io.SlowDatasetType;
import dev.sluice.io.TextDatasetType;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Catalog entries checked against their type's {@link DatasetSchema}, from real YAML files. */
class CatalogSchemaTest {
    @TempDir
    Path project;

    private final DatasetTypes types = DatasetTypes.of(
            new TextDatasetType(),
            new MemoryDatasetType(),
            new SlowDatasetType(),
            new PandasLikeType(),
            new Open(),
            new PassingOn());

    private DataCatalog catalog(String yaml) {
        return config(yaml).toCatalog(project, types);
    }

    private ProjectConfig config(String yaml) {
        return new ConfTree(project).file("base/catalog.yml", yaml).load();
    }

    @Test
    void misspelledCatalogKey_failsAtItsLineSuggestingTheKey() {
        assertThatThrownBy(() -> catalog("""
                        notes:
                          type: text
                          filepath: data/notes.txt
                          versoned: true
                        """))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("conf/base/catalog.yml:4: dataset 'notes' (type text) has an unknown setting"
                        + " 'versoned' (did you mean 'versioned'?)")
                .hasMessageContaining("its settings are filepath, encoding, fs_args")
                .hasMessageContaining("sluice catalog types text");
    }

    @Test
    void misspelledTypeSetting_failsAtItsLineSuggestingTheSetting() {
        assertThatThrownBy(() -> catalog("""
                        notes:
                          type: text
                          filepth: data/notes.txt
                        """).dataset("notes"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("dataset 'notes' (type text) has 2 problems:")
                .hasMessageContaining(
                        "conf/base/catalog.yml:3: has an unknown setting 'filepth' (did you mean" + " 'filepath'?)")
                .hasMessageContaining("conf/base/catalog.yml:1: needs a 'filepath' setting (path or URI)");
    }

    @Test
    void unknownLoadArgsKey_failsAtItsLine() {
        assertThatThrownBy(() -> catalog("""
                        frame:
                          type: pandas_like
                          filepath: data/f.csv
                          load_args:
                            header: true
                            delimeter: ';'
                        """).dataset("frame"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("conf/base/catalog.yml:6: dataset 'frame' (type pandas_like) has an unknown"
                        + " load_args key 'delimeter' (did you mean 'delimiter'?); its load_args are delimiter,"
                        + " header, engine");
    }

    @Test
    void argsOnTypeWithoutArgs_failsNamingTheGroup() {
        assertThatThrownBy(() -> catalog("""
                        notes:
                          type: text
                          filepath: data/notes.txt
                          load_args: {mode: r}
                        """).dataset("notes"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(
                        "conf/base/catalog.yml:4: dataset 'notes' (type text) takes no load_args (its type declares"
                                + " none); remove it");
    }

    @Test
    void optionInTheWrongPlace_saysWhereItBelongs() {
        assertThatThrownBy(() -> catalog("""
                        frame:
                          type: pandas_like
                          filepath: data/f.csv
                          delimiter: ';'
                        """).dataset("frame"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown setting 'delimiter' (it belongs under load_args)");
    }

    @Test
    void nestedDatasetKey_isCheckedAtItsOwnLine() {
        assertThatThrownBy(() -> catalog("""
                        notes:
                          type: slow
                          save_delay: 1
                          dataset:
                            type: text
                            filepath: data/notes.txt
                            encodng: latin1
                        """).dataset("notes"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("conf/base/catalog.yml:7: dataset 'notes' (type text) has an unknown setting"
                        + " 'encodng' (did you mean 'encoding'?)");
    }

    @Test
    void factoryEntry_isCheckedWhenANameMatches() {
        DataCatalog catalog = catalog("""
                "{name}_txt":
                  type: text
                  filepath: data/{name}.txt
                  encodig: latin1
                """);

        assertThatThrownBy(() -> catalog.entry("notes_txt"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("conf/base/catalog.yml:4: dataset 'notes_txt' (type text) has an unknown"
                        + " setting 'encodig'");
    }

    @Test
    void versionedEntry_isCheckedBeforeAnyVersionIsWritten() {
        assertThatThrownBy(() -> catalog("""
                        notes:
                          type: text
                          versioned: true
                          filepath: data/notes.txt
                          encodig: latin1
                        """).dataset("notes"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("conf/base/catalog.yml:5:");
    }

    @Test
    void noEffectOptions_acceptedWithOneWarningPerEntry() {
        ProjectConfig config = config("""
                frame:
                  type: pandas_like
                  filepath: data/f.csv
                  load_args:
                    engine: pyarrow
                other:
                  type: pandas_like
                  filepath: data/g.csv
                  load_args:
                    engine: c
                """);

        DataCatalog catalog = config.toCatalog(project, types);
        catalog.entry("frame");
        catalog.entry("frame");

        assertThat(catalog.contains("frame")).isTrue();
        assertThat(config.warnings().list())
                .containsExactly(
                        new Warning(
                                "conf/base/catalog.yml:1",
                                "dataset 'frame' (type pandas_like) sets load_args.engine (it chooses pandas' parser)."
                                        + " It has no effect in Sluice; remove it to silence this warning."),
                        new Warning(
                                "conf/base/catalog.yml:6",
                                "dataset 'other' (type pandas_like) sets load_args.engine (it chooses pandas' parser)."
                                        + " It has no effect in Sluice; remove it to silence this warning."));
    }

    @Test
    void kedroLayerAtTopLevel_acceptedWithAWarning() {
        ProjectConfig config = config("""
                notes:
                  type: text
                  filepath: data/notes.txt
                  layer: raw
                """);

        config.toCatalog(project, types);

        assertThat(config.warnings().list()).singleElement().satisfies(warning -> {
            assertThat(warning.source()).isEqualTo("conf/base/catalog.yml:4");
            assertThat(warning.message()).contains("'layer'", "metadata");
        });
    }

    @Test
    void memoryData_isTheInitialValue() {
        DataCatalog catalog = catalog("""
                companies:
                  type: MemoryDataset
                  data: [acme, globex]
                """);

        assertThat(catalog.load("companies")).isEqualTo(java.util.List.of("acme", "globex"));
    }

    @Test
    void undeclaredType_isNotChecked() {
        DataCatalog catalog = catalog("""
                anything:
                  type: open
                  whatever: 1
                  load_args: {any: thing}
                """);

        assertThat(catalog.contains("anything")).isTrue();
    }

    @Test
    void passedOnArgs_undeclaredKeysReachTheTypeAndLookalikesAreWarnedAbout() {
        ProjectConfig config = config("""
                frame:
                  type: passing_on
                  load_args:
                    header: true
                    nullValue: NA
                    heder: false
                """);

        DataCatalog catalog = config.toCatalog(project, types);

        assertThat(catalog.contains("frame")).isTrue();
        assertThat(config.warnings().list()).singleElement().satisfies(warning -> assertThat(warning.message())
                .isEqualTo("dataset 'frame' (type passing_on) passes load_args key 'heder'"
                        + " (conf/base/catalog.yml:6) on to a reader unchecked, but it looks like a misspelt"
                        + " 'header'; fix it if that was meant."));
    }

    @Test
    void passedOnArgs_otherScopeStaysClosed() {
        assertThatThrownBy(() -> catalog("""
                        frame:
                          type: passing_on
                          save_args: {mode: overwrite}
                        """).dataset("frame"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("takes no save_args");
    }

    /** A type whose load_args pass on to a library, like Spark's data source options. */
    static final class PassingOn implements DatasetType {
        @Override
        public String name() {
            return "passing_on";
        }

        @Override
        public DatasetSchema schema() {
            return DatasetSchema.builder("A test type.")
                    .loadArgs(Option.of("header", "true or false", "Whether there is a header."))
                    .passOn(DatasetSchema.Scope.LOAD_ARGS, "a reader")
                    .build();
        }

        @Override
        public Dataset<?> create(DatasetSpec spec) {
            assertThat(spec.map("load_args")).containsKeys("header", "nullValue", "heder");
            return new MemoryDataset<>();
        }
    }

    /** A type with load_args, one of them pandas-only, like Kedro's pandas datasets. */
    static final class PandasLikeType implements DatasetType {
        @Override
        public String name() {
            return "pandas_like";
        }

        @Override
        public DatasetSchema schema() {
            return DatasetSchema.builder("A test type.")
                    .entry(DatasetSchema.FILEPATH)
                    .loadArgs(
                            Option.of("delimiter", "one character", "The separator."),
                            Option.of("header", "true or false", "Whether there is a header."),
                            Option.noEffect("engine", "it chooses pandas' parser"))
                    .build();
        }

        @Override
        public Dataset<?> create(DatasetSpec spec) {
            return new MemoryDataset<>();
        }
    }

    /** A type that declares no schema, as a user's own type may. */
    static final class Open implements DatasetType {
        @Override
        public String name() {
            return "open";
        }

        @Override
        public Dataset<?> create(DatasetSpec spec) {
            assertThat(spec.config()).containsEntry("whatever", 1);
            return new MemoryDataset<>(Map.of());
        }
    }
}
