package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sluice.ConfigurationException;
import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import dev.sluice.io.DatasetTypes;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class DatasetTypesTest {
    @TempDir
    Path dir;

    /** A class loader that sees the test classes plus a services file listing {@code classNames}. */
    private URLClassLoader withServices(String... classNames) throws IOException {
        Path services = dir.resolve("META-INF/services/" + DatasetType.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, String.join("\n", classNames) + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    private static DatasetSpec spec(String type) {
        return DatasetSpec.builder("cars", type)
                .source("conf/base/catalog.yml:7")
                .projectDir(Path.of("."))
                .build();
    }

    @Test
    void discover_findsListedTypesAndLogsWhereFrom() throws IOException {
        Logger logger = (Logger) LoggerFactory.getLogger(DatasetTypes.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        Level previous = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        try (URLClassLoader loader = withServices(FakeTypes.Discovered.class.getName())) {
            DatasetTypes types = DatasetTypes.discover(loader);

            assertThat(types.names()).contains("discovered");
            assertThat(types.create(spec("discovered"))).isInstanceOf(FakeTypes.FakeDataset.class);
            String where = FakeTypes.Discovered.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toString();
            assertThat(events.list)
                    .filteredOn(event -> event.getLevel() == Level.DEBUG)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(message -> assertThat(message)
                            .contains("'discovered'")
                            .contains(FakeTypes.Discovered.class.getName())
                            .contains(where));
        } finally {
            logger.detachAppender(events);
            logger.setLevel(previous);
        }
    }

    @Test
    void discover_brokenServicesEntry_isAConfigurationError() throws IOException {
        try (URLClassLoader loader = withServices("dev.sluice.config.NoSuchType")) {
            assertThatThrownBy(() -> DatasetTypes.discover(loader))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("dev.sluice.config.NoSuchType")
                    .hasMessageContaining("public no-argument constructor");
        }
    }

    @Test
    void register_laterTypeReplacesNameExplicitly() {
        DatasetType replacement = new DatasetType() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public Dataset<?> create(DatasetSpec spec) {
                return new FakeTypes.FakeDataset(spec, new FakeTypes.FakeDataset(spec, null));
            }
        };

        DatasetTypes types = FakeTypes.registry().register(replacement);

        assertThat(((FakeTypes.FakeDataset) types.create(spec("fake"))).inner()).isNotNull();
        assertThat(types.find("FakeDataset")).containsInstanceOf(FakeTypes.Fake.class);
        assertThat(types.names()).containsExactly("exploding", "fake", "strict", "wrapper");
    }

    @Test
    void find_byClassName_loadsAndInstantiatesTheType() {
        DatasetTypes types = DatasetTypes.empty();

        assertThat(types.find(FakeTypes.Strict.class.getName())).containsInstanceOf(FakeTypes.Strict.class);
        assertThat(types.find("java.lang.String")).isEmpty();
        assertThat(types.find("no.such.Type")).isEmpty();
    }

    @Test
    void find_datasetClassWithSpecConstructor_buildsEntriesWithIt() {
        DatasetTypes types = DatasetTypes.empty();
        String className = FakeTypes.SpecDataset.class.getName();
        DatasetSpec spec = DatasetSpec.builder("cars", className)
                .config(java.util.Map.of("filepath", "data/cars.bin"))
                .source("conf/base/catalog.yml:7")
                .build();

        Dataset<?> dataset = types.create(spec);

        assertThat(dataset).isInstanceOf(FakeTypes.SpecDataset.class);
        assertThat(((FakeTypes.SpecDataset) dataset).spec().string("filepath")).hasValue("data/cars.bin");
        assertThatThrownBy(() -> types.create(spec("x").toBuilder("cars", className)
                        .config(java.util.Map.of())
                        .build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("conf/base/catalog.yml:7: dataset 'cars' (type " + className + ") needs a"
                        + " 'filepath' setting");
    }

    @Test
    void require_classThatIsNoDataset_saysWhatToImplement() {
        DatasetTypes types = DatasetTypes.empty();

        assertThatThrownBy(() -> types.require("java.lang.String", "cars", "conf/base/catalog.yml:7"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("conf/base/catalog.yml:7: dataset 'cars' has unknown type 'java.lang.String': class"
                        + " java.lang.String is on the class path but is neither a dev.sluice.io.DatasetType nor a"
                        + " dev.sluice.io.Dataset; implement one of them (a Dataset needs a public constructor"
                        + " taking a DatasetSpec).");
        String noConstructor = FakeTypes.NoSpecConstructor.class.getName();
        assertThatThrownBy(() -> types.require(noConstructor, "cars", "conf/base/catalog.yml:7"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("class " + noConstructor + " implements Dataset but has no public constructor"
                        + " taking a DatasetSpec; add one");
    }

    @Test
    void require_missingClass_saysToCheckTheNameAndClassPath() {
        assertThatThrownBy(() -> DatasetTypes.empty().require("com.acme.io.MyDataset", "cars", "catalog.yml:7"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("catalog.yml:7: dataset 'cars' has unknown type 'com.acme.io.MyDataset'")
                .hasMessageContaining("No class of that name is on the class path either: for your own dataset"
                        + " class, check the fully qualified name and put its classes on the project's class path");
    }

    @Test
    void require_unknownWithNoTypes_saysNoneAreRegistered() {
        assertThatThrownBy(() -> DatasetTypes.empty().require("tsv", "cars", "conf/base/catalog.yml:7"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(
                        "conf/base/catalog.yml:7: dataset 'cars' has unknown type 'tsv'. No dataset types "
                                + "are registered");
    }

    @Test
    void create_typeReturningNull_isReported() {
        DatasetType broken = new DatasetType() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Dataset<?> create(DatasetSpec spec) {
                return null;
            }
        };

        assertThatThrownBy(() -> DatasetTypes.of(broken).create(spec("broken")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("returned no dataset for 'cars'");
    }
}
