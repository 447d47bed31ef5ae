package dev.sluice.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.datasets.csv.CsvDatasetType;
import dev.sluice.datasets.csv.CsvRowsDatasetType;
import dev.sluice.datasets.json.JsonDatasetType;
import dev.sluice.datasets.json.Order;
import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import dev.sluice.io.DatasetTypes;
import dev.sluice.io.SlowDataset;
import dev.sluice.io.SlowDatasetType;
import dev.sluice.io.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.dflib.DataFrame;
import org.dflib.Series;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTypesTest {
    @TempDir
    Path projectDir;

    private final List<Duration> sleeps = new ArrayList<>();
    private final List<DatasetType> types = List.of(
            new JsonDatasetType(), new CsvDatasetType(), new CsvRowsDatasetType(), new SlowDatasetType(sleeps::add));

    private DatasetSpec spec(String type, Map<String, Object> config) {
        return Specs.spec("companies", type, config, projectDir, types);
    }

    @SuppressWarnings("unchecked")
    private static <T> Dataset<T> create(DatasetType type, DatasetSpec spec) {
        return (Dataset<T>) type.create(spec);
    }

    @Test
    void serviceLoader_datasetsJar_findsJsonAndCsvTypesWithKedroAliases() {
        Map<String, DatasetType> byName = ServiceLoader.load(DatasetType.class).stream()
                .map(ServiceLoader.Provider::get)
                .collect(Collectors.toMap(DatasetType::name, t -> t));

        assertThat(byName).containsKeys("json", "csv", "csv.rows", "text", "memory", "slow");
        assertThat(byName.get("json").aliases()).contains("JSONDataset", "json.JSONDataset");
        assertThat(byName.get("csv").aliases()).contains("CSVDataset", "pandas.CSVDataset");
        Set<String> allNames = byName.values().stream()
                .flatMap(
                        t -> java.util.stream.Stream.concat(java.util.stream.Stream.of(t.name()), t.aliases().stream()))
                .collect(Collectors.toSet());
        assertThat(allNames).doesNotHaveDuplicates();
    }

    @Test
    void serviceLoader_everyBuiltInType_declaresItsSchema() {
        List<String> undeclared = ServiceLoader.load(DatasetType.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(type ->
                        !type.schema().isDeclared() || type.schema().summary().isBlank())
                .map(DatasetType::name)
                .toList();

        assertThat(undeclared).isEmpty();
    }

    @Test
    void json_loadArgsType_loadsRecordByClassName() throws IOException {
        Dataset<Order> dataset = create(
                new JsonDatasetType(),
                spec(
                        "JSONDataset",
                        Map.of("filepath", "data/order.json", "load_args", Map.of("type", Order.class.getName()))));
        Files.createDirectories(projectDir.resolve("data"));
        Files.writeString(
                projectDir.resolve("data/order.json"), "{\"id\":\"a\",\"quantity\":2,\"price\":1.5,\"tags\":[]}");

        assertThat(dataset.load()).isEqualTo(new Order("a", 2, 1.5, List.of()));
    }

    @Test
    void json_loadArgsGenericType_loadsListOfRecords() {
        Dataset<List<Order>> dataset = create(
                new JsonDatasetType(),
                spec(
                        "json",
                        Map.of(
                                "filepath",
                                "orders.json",
                                "load_args",
                                Map.of("type", "java.util.List<" + Order.class.getName() + ">"))));
        List<Order> orders = List.of(new Order("a", 1, 1.0, List.of("t")));

        dataset.save(orders);

        assertThat(dataset.load()).containsExactlyElementsOf(orders);
    }

    @Test
    void json_saveArgsIndent_trueAndNumber() throws IOException {
        Dataset<Object> two = create(
                new JsonDatasetType(),
                spec("json", Map.of("filepath", "two.json", "save_args", Map.of("indent", true))));
        Dataset<Object> four = create(
                new JsonDatasetType(), spec("json", Map.of("filepath", "four.json", "save_args", Map.of("indent", 4))));

        two.save(Map.of("a", 1));
        four.save(Map.of("a", 1));

        assertThat(Files.readString(projectDir.resolve("two.json"))).isEqualTo("{\n  \"a\": 1\n}\n");
        assertThat(Files.readString(projectDir.resolve("four.json"))).isEqualTo("{\n    \"a\": 1\n}\n");
    }

    @Test
    void json_unknownClass_errorNamesEntryAndSaysHowToFix() {
        DatasetSpec spec = spec("json", Map.of("filepath", "a.json", "load_args", Map.of("type", "com.example.Nope")));

        assertThatThrownBy(() -> new JsonDatasetType().create(spec))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("conf/base/catalog.yml:7")
                .hasMessageContaining("dataset 'companies'")
                .hasMessageContaining("load_args.type")
                .hasMessageContaining("com.example.Nope")
                .hasMessageContaining("fully qualified name");
    }

    @Test
    void json_unknownLoadArgsKey_errorListsKnownKeys() {
        DatasetSpec spec = spec("json", Map.of("filepath", "a.json", "load_args", Map.of("typ", "x")));

        assertThatThrownBy(() -> DatasetTypes.of(new JsonDatasetType()).create(spec))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown load_args key 'typ' (did you mean 'type'?)")
                .hasMessageContaining("its load_args are type");
    }

    @Test
    void json_badIndent_errorNamesKey() {
        DatasetSpec spec = spec("json", Map.of("filepath", "a.json", "save_args", Map.of("indent", "wide")));

        assertThatThrownBy(() -> new JsonDatasetType().create(spec))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("save_args.indent")
                .hasMessageContaining("'wide'");
    }

    @Test
    void csv_loadArgs_delimiterDtypeAndNoInference_applied() throws IOException {
        Files.writeString(projectDir.resolve("c.csv"), "id;zip;name\n1;00501;x\n");
        Dataset<DataFrame> dataset = create(
                new CsvDatasetType(),
                spec(
                        "pandas.CSVDataset",
                        Map.of(
                                "filepath",
                                "c.csv",
                                "load_args",
                                Map.of("sep", ";", "dtype", Map.of("id", "int64"), "infer_types", false))));

        DataFrame frame = dataset.load();

        assertThat(frame.getColumn("id").get(0)).isEqualTo(1L);
        assertThat(frame.getColumn("zip").get(0)).isEqualTo("00501");
    }

    @Test
    void csv_noHeaderAndNumericDtypeKey_columnTypedByPosition() throws IOException {
        Files.writeString(projectDir.resolve("n.csv"), "007,x\n");
        Dataset<DataFrame> dataset = create(
                new CsvDatasetType(),
                spec(
                        "csv",
                        Map.of("filepath", "n.csv", "load_args", Map.of("header", false, "dtype", Map.of(0, "str")))));

        DataFrame frame = dataset.load();

        assertThat(frame.getColumn("0").get(0)).isEqualTo("007");
        assertThat(frame.getColumn("1").get(0)).isEqualTo("x");
    }

    @Test
    void csv_saveArgsAbsent_saveUsesLoadDelimiterSoFileLoadsBack() throws IOException {
        Dataset<DataFrame> dataset = create(
                new CsvDatasetType(),
                spec(
                        "csv",
                        Map.of(
                                "filepath",
                                "s.csv",
                                "load_args",
                                Map.of("delimiter", "|"),
                                "save_args",
                                Map.of("index", false))));

        dataset.save(DataFrame.byColumn("a", "b").of(Series.ofInt(1), Series.of("x")));

        assertThat(Files.readString(projectDir.resolve("s.csv"))).isEqualTo("a|b\n1|x\n");
        assertThat(dataset.load().getColumn("b").get(0)).isEqualTo("x");
    }

    @Test
    void csv_unknownLoadArgsKey_errorSuggestsKey() {
        DatasetSpec spec = spec("csv", Map.of("filepath", "a.csv", "load_args", Map.of("delimeter", ";")));

        assertThatThrownBy(() -> DatasetTypes.of(new CsvDatasetType()).create(spec))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("conf/base/catalog.yml:7: dataset 'companies' (type csv)")
                .hasMessageContaining("unknown load_args key 'delimeter' (did you mean 'delimiter'?)");
    }

    @Test
    void csv_unknownDtype_errorListsTypes() {
        DatasetSpec spec =
                spec("csv", Map.of("filepath", "a.csv", "load_args", Map.of("dtype", Map.of("when", "datetime"))));

        assertThatThrownBy(() -> new CsvDatasetType().create(spec))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("load_args.dtype")
                .hasMessageContaining("column 'when' the unknown type 'datetime'")
                .hasMessageContaining("[boolean, double, int, long, string]");
    }

    @Test
    void csv_sepAndDelimiterBoth_error() {
        DatasetSpec spec = spec("csv", Map.of("filepath", "a.csv", "save_args", Map.of("sep", ";", "delimiter", ",")));

        assertThatThrownBy(() -> new CsvDatasetType().create(spec))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("save_args.sep")
                .hasMessageContaining("keep only one");
    }

    @Test
    void csv_kedroLoadArgs_decimalNaValuesNamesUsecolsHeaderZero_applied() throws IOException {
        Files.writeString(projectDir.resolve("k.csv"), "a;b;c\n1,5;n/a;x\n2;7;-\n");
        Dataset<DataFrame> dataset = create(
                new CsvDatasetType(),
                spec(
                        "pandas.CSVDataSet",
                        Map.of(
                                "filepath",
                                "k.csv",
                                "load_args",
                                Map.of(
                                        "sep",
                                        ";",
                                        "decimal",
                                        ",",
                                        "header",
                                        0,
                                        "na_values",
                                        List.of("n/a", "-"),
                                        "names",
                                        List.of("price", "count", "label"),
                                        "usecols",
                                        List.of("label", "price")))));

        DataFrame frame = dataset.load();

        assertThat(frame.getColumnsIndex().toArray()).containsExactly("price", "label");
        assertThat(frame.getColumn("price").get(0)).isEqualTo(1.5);
        assertThat(frame.getColumn("price").get(1)).isEqualTo(2.0);
        assertThat(frame.getColumn("label").get(0)).isEqualTo("x");
        assertThat(frame.getColumn("label").get(1)).isNull();
    }

    @Test
    void csv_parseDates_byNameAndPosition_giveDatesAndDateTimes() throws IOException {
        Files.writeString(projectDir.resolve("d.csv"), "at,day,n\n2024-01-31 12:30:00,2024-02-01,1\n,2024-02-02,2\n");
        Dataset<DataFrame> dataset = create(
                new CsvDatasetType(),
                spec("csv", Map.of("filepath", "d.csv", "load_args", Map.of("parse_dates", List.of(0, "day")))));

        DataFrame frame = dataset.load();

        assertThat(frame.getColumn("at").get(0)).isEqualTo(java.time.LocalDateTime.of(2024, 1, 31, 12, 30));
        assertThat(frame.getColumn("at").get(1)).isNull();
        assertThat(frame.getColumn("day").get(1)).isEqualTo(java.time.LocalDate.of(2024, 2, 2));
        Files.writeString(projectDir.resolve("d.csv"), "at,day,n\n31/01/2024,2024-02-01,1\n");
        assertThatThrownBy(dataset::load).hasMessageContaining("line 2, column 'at': '31/01/2024' is not an ISO date");
    }

    @Test
    void csv_headerNullAndUsecolsByPosition_columnsNamedByPosition() throws IOException {
        Files.writeString(projectDir.resolve("p.csv"), "1,a,x\n2,b,y\n");
        Dataset<DataFrame> dataset = create(
                new CsvDatasetType(),
                spec(
                        "csv",
                        Map.of(
                                "filepath",
                                "p.csv",
                                "load_args",
                                new java.util.HashMap<>(Map.of("usecols", List.of(2, 0))) {
                                    {
                                        put("header", null);
                                    }
                                })));

        DataFrame frame = dataset.load();

        assertThat(frame.getColumnsIndex().toArray()).containsExactly("0", "2");
        assertThat(frame.height()).isEqualTo(2);
    }

    @Test
    void csv_kedroSaveArgs_indexDecimalNaRep_written() throws IOException {
        Dataset<DataFrame> dataset = create(
                new CsvDatasetType(),
                spec(
                        "csv",
                        Map.of(
                                "filepath",
                                "out.csv",
                                "save_args",
                                Map.of(
                                        "sep", ";",
                                        "decimal", ",",
                                        "index", true,
                                        "index_label", "row",
                                        "na_rep", "NA",
                                        "mode", "w"))));

        dataset.save(DataFrame.byColumn("x", "name").of(Series.ofDouble(0.5, 2.25), Series.of("a", null)));

        assertThat(Files.readString(projectDir.resolve("out.csv"))).isEqualTo("row;x;name\n0;0,5;a\n1;2,25;NA\n");
    }

    @Test
    void csv_unimplementedArgumentValues_errorsNameThem() {
        assertThatThrownBy(() -> new CsvDatasetType()
                        .create(spec("csv", Map.of("filepath", "a.csv", "save_args", Map.of("mode", "a")))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("save_args.mode")
                .hasMessageContaining("appending is not supported");
        assertThatThrownBy(() -> new CsvDatasetType()
                        .create(spec("csv", Map.of("filepath", "a.csv", "load_args", Map.of("header", 2)))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("load_args.header")
                .hasMessageContaining("only the first row");
    }

    @Test
    void csv_pandasOnlyArguments_acceptedWithOneWarningNamingThem() {
        dev.sluice.Warnings warnings = dev.sluice.Warnings.create();
        DatasetSpec spec = DatasetSpec.builder("companies", "pandas.CSVDataset")
                .config(Map.of(
                        "filepath",
                        "a.csv",
                        "load_args",
                        Map.of("engine", "pyarrow", "dtype_backend", "pyarrow"),
                        "save_args",
                        Map.of("index", false)))
                .source(Specs.SOURCE)
                .projectDir(projectDir)
                .warnings(warnings)
                .build();

        DatasetTypes.of(new CsvDatasetType()).create(spec);

        assertThat(warnings.list()).singleElement().satisfies(warning -> assertThat(warning.message())
                .contains("load_args.engine (it chooses pandas' CSV parser)")
                .contains("load_args.dtype_backend")
                .contains("no effect in Sluice"));
    }

    @Test
    void csvRows_headerFalse_givesLists() {
        Dataset<List<List<String>>> dataset = create(
                new CsvRowsDatasetType(),
                spec("csv.rows", Map.of("filepath", "r.csv", "load_args", Map.of("header", false, "sep", "\\t"))));

        dataset.save(List.of(List.of("a", "b")));

        assertThat(projectDir.resolve("r.csv")).hasContent("a\tb");
        assertThat(dataset.load()).containsExactly(List.of("a", "b"));
        assertThat(dataset.describe()).containsEntry("rows", "lists");
    }

    @Test
    void csvRows_default_givesMaps() {
        Dataset<List<Map<String, String>>> dataset =
                create(new CsvRowsDatasetType(), spec("csv.rows", Map.of("filepath", "m.csv")));

        dataset.save(List.of(Map.of("k", "v")));

        assertThat(dataset.load()).containsExactly(Map.of("k", "v"));
    }

    @Test
    void csvRows_saveDelimiterDiffersFromLoad_error() {
        DatasetSpec spec = spec(
                "csv.rows",
                Map.of("filepath", "m.csv", "load_args", Map.of("sep", ";"), "save_args", Map.of("sep", ",")));

        assertThatThrownBy(() -> new CsvRowsDatasetType().create(spec))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("differs from load_args");
    }

    @Test
    void slow_aroundCsv_nestedEntryBuiltAndDelaysRecorded() {
        Dataset<DataFrame> dataset = create(
                new SlowDatasetType(sleeps::add),
                spec(
                        "slow",
                        Map.of(
                                "load_delay",
                                2,
                                "save_delay",
                                3,
                                "dataset",
                                Map.of("type", "CSVDataset", "filepath", "data/slow.csv"))));

        dataset.save(DataFrame.byColumn("a").of(Series.ofInt(1, 2)));
        DataFrame loaded = dataset.load();

        assertThat(dataset).isInstanceOf(SlowDataset.class);
        assertThat(loaded.height()).isEqualTo(2);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(2));
        assertThat(dataset.describe().get("dataset")).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) dataset.describe().get("dataset")).get("type")).isEqualTo("csv");
    }
}
