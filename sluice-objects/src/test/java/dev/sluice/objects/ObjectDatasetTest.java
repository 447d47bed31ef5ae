package dev.sluice.objects;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.DatasetException;
import dev.sluice.objects.fixtures.Drawing;
import dev.sluice.objects.fixtures.Holder;
import dev.sluice.objects.fixtures.LinearModel;
import dev.sluice.objects.fixtures.LinearModel.Feature;
import dev.sluice.objects.fixtures.LinearModel.Kind;
import dev.sluice.objects.fixtures.NoDefaultConstructor;
import dev.sluice.objects.fixtures.Node;
import dev.sluice.objects.fixtures.Scaler;
import dev.sluice.objects.fixtures.Shape;
import dev.sluice.objects.fixtures.Shape.Circle;
import dev.sluice.objects.fixtures.Shape.Square;
import dev.sluice.objects.untrusted.Gadget;
import dev.sluice.objects.untrusted.Stranger;
import dev.sluice.storage.Location;
import dev.sluice.storage.Storage;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectDatasetTest {
    static final LinearModel MODEL = new LinearModel(
            "iris-linear",
            new double[] {0.25, -1.5, Double.NaN, Double.POSITIVE_INFINITY},
            0.1,
            List.of(new Feature("petal_length", 3.76, 1.76), new Feature("petal_width", 1.2, 0.76)),
            Map.of("r2", 0.93, "rmse", 0.21),
            LocalDate.of(2024, 5, 1),
            Kind.REGRESSION);

    @TempDir
    Path dir;

    @Test
    void record_roundTrip_loadsAnEqualModel() {
        ObjectDataset<LinearModel> dataset = ObjectDataset.of(location("model.json"), LinearModel.class);

        dataset.save(MODEL);

        assertThat(dataset.load())
                .usingRecursiveComparison()
                .withEqualsForType(ObjectDatasetTest::sameDouble, Double.class)
                .isEqualTo(MODEL);
    }

    @Test
    void binary_roundTrip_keepsNonFiniteWeightsAndLoadsThroughAJsonDatasetToo() throws Exception {
        ObjectDataset<LinearModel> cbor =
                ObjectDataset.of(location("model.bin"), LinearModel.class).binary(true);

        cbor.save(MODEL);

        byte[] bytes = Files.readAllBytes(dir.resolve("model.bin"));
        assertThat(bytes[0] & 0xff).isEqualTo(0xD9);
        assertThat(new String(bytes, UTF_8)).doesNotContain("\"format\"");
        for (ObjectDataset<LinearModel> reader :
                List.of(cbor, ObjectDataset.of(location("model.bin"), LinearModel.class))) {
            assertThat(reader.load())
                    .usingRecursiveComparison()
                    .withEqualsForType(ObjectDatasetTest::sameDouble, Double.class)
                    .isEqualTo(MODEL);
        }
    }

    @Test
    void record_savedFile_isTypedJsonNamingTheClass() throws Exception {
        ObjectDataset.of(location("model.json"), LinearModel.class).save(MODEL);

        String json = Files.readString(dir.resolve("model.json"), UTF_8);

        assertThat(json)
                .startsWith("{\"format\":\"sluice-object\",\"version\":1,\"class\":\"" + LinearModel.class.getName())
                .contains("\"trainedOn\":\"2024-05-01\"")
                .doesNotContain("\"@class\"");
    }

    @Test
    void classWithPrivateState_roundTripsItsFieldsButNotTransientOnes() {
        Scaler scaler = Scaler.fit(new double[][] {{1, 10}, {3, 30}});
        ObjectDataset<Scaler> dataset = ObjectDataset.of(location("scaler.json"), Scaler.class);

        dataset.save(scaler);
        Scaler loaded = dataset.load();

        assertThat(loaded.means()).containsExactly(2.0, 20.0);
        assertThat(loaded.fittedRows()).isEqualTo(2);
        assertThat(loaded.scratch())
                .as("transient, so rebuilt by the constructor")
                .hasSize(16);
    }

    @Test
    void openTypedFields_keepTheirValuesClasses() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("count", 3_000_000_000L);
        attributes.put("ratio", 0.5f);
        attributes.put("price", new BigDecimal("19.99"));
        attributes.put("id", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        attributes.put("at", Instant.parse("2024-01-01T00:00:00Z"));
        attributes.put("tags", List.of("a", "b"));
        attributes.put("nested", Map.of("shape", new Circle(1)));
        Drawing drawing = new Drawing(List.of(new Circle(2), new Square(3)), 42L, attributes);
        ObjectDataset<Drawing> dataset = ObjectDataset.of(location("drawing.json"), Drawing.class);

        dataset.save(drawing);
        Drawing loaded = dataset.load();

        assertThat(loaded).isEqualTo(drawing);
        assertThat(loaded.anything()).isInstanceOf(Long.class);
        assertThat(loaded.attributes().get("ratio")).isInstanceOf(Float.class);
    }

    @Test
    void immutableJdkCollectionsInOpenFields_areNamedByTheirPublicClasses() throws Exception {
        Drawing drawing = new Drawing(List.of(), List.of(1L, "x", Map.of("k", new Square(2))), Map.of());
        ObjectDataset<Drawing> dataset = ObjectDataset.of(location("drawing.json"), Drawing.class);

        dataset.save(drawing);

        assertThat(Files.readString(dir.resolve("drawing.json")))
                .contains("java.util.ArrayList", "java.util.LinkedHashMap")
                .doesNotContain("ImmutableCollections");
        assertThat(dataset.load()).isEqualTo(drawing);
    }

    @Test
    void save_jdkClassThatIsNotAValue_saysItCannotBeStored() {
        ObjectDataset<Object> dataset = ObjectDataset.of(location("x.json"));

        assertThatThrownBy(() -> dataset.save(Map.of("rng", new java.util.Random())))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("JDK class 'java.util.Random'")
                .hasMessageContaining("mark the field transient")
                .message()
                .doesNotContain("add it to 'allowed_packages'");
    }

    @Test
    void collectionRoot_withRecordsInside_roundTripsAsAList() {
        List<Shape> shapes = List.of(new Circle(1), new Square(2));
        ObjectDataset<Object> dataset =
                ObjectDataset.of(location("shapes.json")).allowingPackages("dev.sluice.objects.fixtures");

        dataset.save(shapes);

        assertThat(dataset.load()).isEqualTo(new ArrayList<>(shapes));
    }

    @Test
    void mapRoot_ofJdkValues_needsNoAllowedPackages() {
        Map<String, Object> metrics = new TreeMap<>(Map.of("accuracy", 0.97, "rows", 150, "labels", List.of("a")));
        ObjectDataset<Object> dataset = ObjectDataset.of(location("metrics.json"));

        dataset.save(metrics);

        assertThat(dataset.load()).isEqualTo(metrics).isInstanceOf(TreeMap.class);
    }

    @Test
    void gzipped_savesCompressedAndAnyDatasetLoadsIt() throws Exception {
        ObjectDataset.of(location("model.json.gz"), LinearModel.class)
                .gzipped(true)
                .save(MODEL);

        byte[] bytes = Files.readAllBytes(dir.resolve("model.json.gz"));
        LinearModel loaded =
                ObjectDataset.of(location("model.json.gz"), LinearModel.class).load();

        assertThat(bytes[0] & 0xff).isEqualTo(0x1f);
        assertThat(bytes[1] & 0xff).isEqualTo(0x8b);
        assertThat(loaded)
                .usingRecursiveComparison()
                .withEqualsForType(ObjectDatasetTest::sameDouble, Double.class)
                .isEqualTo(MODEL);
    }

    @Test
    void load_fileNamingAnUntrustedClass_refusesBeforeTheClassIsLoaded() throws Exception {
        Files.writeString(
                dir.resolve("drawing.json"),
                "{\"format\":\"sluice-object\",\"version\":1,\"class\":\"" + Drawing.class.getName() + "\","
                        + "\"value\":{\"shapes\":[],\"anything\":{\"@class\":\"" + Gadget.class.getName()
                        + "\",\"command\":\"touch /tmp/pwned\"},\"attributes\":{}}}");
        ObjectDataset<Drawing> dataset = ObjectDataset.of(location("drawing.json"), Drawing.class);

        assertThatThrownBy(dataset::load)
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("Class '" + Gadget.class.getName() + "'")
                .hasMessageContaining("[dev.sluice.objects.fixtures]")
                .hasMessageContaining("'allowed_packages'");
        assertThat(System.getProperty(Gadget.INITIALIZED))
                .as("static initializer ran")
                .isNull();
    }

    @Test
    void load_fileWhoseRootIsAnUntrustedClass_refusesIt() throws Exception {
        Files.writeString(
                dir.resolve("x.json"),
                "{\"format\":\"sluice-object\",\"version\":1,\"class\":\"" + Gadget.class.getName()
                        + "\",\"value\":{}}");

        assertThatThrownBy(() -> ObjectDataset.of(location("x.json")).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("Class '" + Gadget.class.getName() + "'")
                .hasMessageContaining("none besides the JDK's value types");
        assertThat(System.getProperty(Gadget.INITIALIZED)).isNull();
    }

    @Test
    void save_valueHoldingAnUntrustedClass_failsAndWritesNothing() {
        Drawing drawing = new Drawing(List.of(), new Stranger("eve"), Map.of());
        ObjectDataset<Drawing> dataset = ObjectDataset.of(location("drawing.json"), Drawing.class);

        assertThatThrownBy(() -> dataset.save(drawing))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("Class '" + Stranger.class.getName() + "'")
                .hasMessageContaining("package 'dev.sluice.objects.untrusted'")
                .hasMessageContaining("would not load");
        assertThat(dir.resolve("drawing.json")).doesNotExist();
    }

    @Test
    void save_valueAllowedByAnExtraPackage_roundTrips() {
        Drawing drawing = new Drawing(List.of(), new Stranger("eve"), Map.of());
        ObjectDataset<Drawing> dataset = ObjectDataset.of(location("drawing.json"), Drawing.class)
                .allowingPackages("dev.sluice.objects.untrusted");

        dataset.save(drawing);

        assertThat(dataset.load()).isEqualTo(drawing);
    }

    @Test
    void save_lambdaInAField_explainsWhatCanBeStored() {
        ObjectDataset<Holder> dataset = ObjectDataset.of(location("holder.json"), Holder.class);

        assertThatThrownBy(() -> dataset.save(new Holder(() -> {})))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("Cannot store")
                .hasMessageContaining("records, classes whose state is in fields")
                .hasMessageContaining("lambdas");
        assertThat(dir.resolve("holder.json")).doesNotExist();
    }

    @Test
    void save_referenceCycle_failsNamingTheType() {
        Node node = new Node();
        node.link(node);

        assertThatThrownBy(() ->
                        ObjectDataset.of(location("node.json"), Node.class).save(node))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(Node.class.getName());
    }

    @Test
    void load_classWithoutNoArgumentConstructor_saysHowToFixIt() {
        ObjectDataset<NoDefaultConstructor> dataset = ObjectDataset.of(location("x.json"), NoDefaultConstructor.class);
        dataset.save(new NoDefaultConstructor("v"));

        assertThatThrownBy(dataset::load)
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(NoDefaultConstructor.class.getName())
                .hasMessageContaining("no-argument constructor");
    }

    @Test
    void load_fileWithAFieldTheClassNoLongerHas_saysTheClassChanged() throws Exception {
        Files.writeString(
                dir.resolve("f.json"),
                "{\"format\":\"sluice-object\",\"version\":1,\"class\":\"" + Circle.class.getName()
                        + "\",\"value\":{\"radius\":1.0,\"colour\":\"red\"}}");

        assertThatThrownBy(
                        () -> ObjectDataset.of(location("f.json"), Shape.class).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("'colour'")
                .hasMessageContaining("the class changed");
    }

    @Test
    void load_fileHoldingAnotherClassThanDeclared_namesBoth() {
        ObjectDataset.of(location("x.json"), Scaler.class).save(Scaler.fit(new double[][] {{1}}));

        assertThatThrownBy(() ->
                        ObjectDataset.of(location("x.json"), LinearModel.class).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("holds a " + Scaler.class.getName())
                .hasMessageContaining("expects a " + LinearModel.class.getName());
    }

    @Test
    void load_notAnObjectFile_saysSo() throws Exception {
        Files.writeString(dir.resolve("x.json"), "{\"hello\": 1}");

        assertThatThrownBy(() -> ObjectDataset.of(location("x.json")).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(
                        "Cannot load object from " + dir.resolve("x.json").toUri())
                .hasMessageContaining("not a Sluice object file");
    }

    @Test
    void load_truncatedGzipFile_isAReadFailureNotAFormatProblem() throws Exception {
        ObjectDataset.of(location("model.json.gz"), LinearModel.class)
                .gzipped(true)
                .save(MODEL);
        Path file = dir.resolve("model.json.gz");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> ObjectDataset.of(location("model.json.gz"), LinearModel.class)
                        .load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("Cannot read " + file.toUri() + " as object")
                .hasMessageContaining("Check that the file is complete");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void save_valueOfAnotherClassThanDeclared_namesBothAndWritesNothing() {
        ObjectDataset<Object> dataset = (ObjectDataset) ObjectDataset.of(location("model.json"), LinearModel.class);

        assertThatThrownBy(() -> dataset.save(Scaler.fit(new double[][] {{1}})))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("expected a " + LinearModel.class.getName())
                .hasMessageContaining("got a " + Scaler.class.getName())
                .hasMessageContaining("fix 'class' in the catalog entry")
                .hasMessageContaining("Nothing was written");
        assertThat(dir.resolve("model.json")).doesNotExist();
    }

    @Test
    void load_missingFile_saysToRunTheProducerFirst() {
        ObjectDataset<Object> dataset = ObjectDataset.of(location("missing.json"));

        assertThatThrownBy(dataset::load)
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(
                        "No data at " + dir.resolve("missing.json").toUri())
                .hasMessageContaining("Run the node that produces this dataset first");
        assertThat(dataset.exists()).isFalse();
    }

    @Test
    void allowingPackages_jdkOrTooBroadPackages_areRefused() {
        ObjectDataset<Object> dataset = ObjectDataset.of(location("x.json"));

        assertThatThrownBy(() -> dataset.allowingPackages("java.lang"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JDK packages");
        assertThatThrownBy(() -> dataset.allowingPackages("com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too broad");
    }

    @Test
    void allowlist_packagePrefix_matchesWholeSegmentsOnly() {
        ClassAllowlist allowlist = ClassAllowlist.of(List.of("com.example"));

        assertThat(allowlist.allowsName("com.example.Model")).isTrue();
        assertThat(allowlist.allowsName("com.example.sub.Model")).isTrue();
        assertThat(allowlist.allowsName("com.examplex.Model")).isFalse();
        assertThat(allowlist.allowsName("[Lcom.example.Model;")).isTrue();
        assertThat(allowlist.allowsName("[D")).isTrue();
        assertThat(allowlist.allowsName("java.lang.ProcessBuilder")).isFalse();
        assertThat(allowlist.allowsName("java.util.logging.FileHandler")).isFalse();
        assertThat(allowlist.allowsClass(java.util.logging.FileHandler.class)).isFalse();
        assertThat(allowlist.allowsClass(Set.of(1).getClass())).isTrue();
    }

    /** NaN equals NaN here: the model's weights hold one. */
    private static boolean sameDouble(Double a, Double b) {
        return Double.compare(a, b) == 0;
    }

    private Location location(String file) {
        return Storage.local(dir.resolve(file));
    }
}
