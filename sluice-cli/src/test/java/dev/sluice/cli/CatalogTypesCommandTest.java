package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.io.DatasetTypes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code sluice catalog types} on this module's class path: Sluice's core and datasets modules, without
 * sluice-parquet and the other format modules.
 */
class CatalogTypesCommandTest {
    private static CliRun sluice(String... args) {
        return CliRun.run(CatalogTypesCommandTest.class.getClassLoader(), args);
    }

    @Test
    void types_plain_listsEveryTypeWithModuleAliasesAndOptions() {
        CliRun run = sluice("catalog", "types");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(DatasetTypes.discover().names().size() + " dataset types on the class path")
                .contains("Every entry may also say: credentials, layer, metadata, tee, type, versioned.")
                .contains("csv  [sluice-datasets]  also: CSVDataset, kedro_datasets.pandas.CSVDataset")
                .contains("text  [sluice-core]")
                .contains("Loads and saves: String")
                .containsPattern("\\n  filepath \\(required\\) +path or URI\\. Where the data lives")
                .contains("connect_timeout, request_timeout, save_timeout")
                .containsPattern(
                        "\\n  encoding +character set name\\. The file's character encoding\\. Default: UTF-8\\.");
        assertThat(run.out())
                .as("modules this class path lacks")
                .contains("Types of Sluice modules this class path does not have")
                .contains("  sluice-parquet: parquet")
                .doesNotContain("pandas.ParquetDataset");
    }

    @Test
    void types_namesAndAliases_listOnlyThoseTypes() {
        CliRun run = sluice("catalog", "types", "pandas.CSVDataset", "text", "csv");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("2 dataset types on the class path");
        assertThat(run.out().indexOf("\ncsv  ["))
                .isPositive()
                .isLessThan(run.out().indexOf("\ntext  ["));
        assertThat(run.out()).doesNotContain("json  [").doesNotContain("does not have");
    }

    @Test
    void types_kedroApiAndPlotlySpellings_listTheirSluiceTypesAndChartsNameTheirModule() {
        CliRun run = sluice("catalog", "types", "api.APIDataset", "kedro_datasets.plotly.PlotlyDataset");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .startsWith("2 dataset types on the class path")
                .contains("api  [sluice-datasets]  also: APIDataset, api.APIDataset, kedro_datasets.api.APIDataset")
                .contains("plotly.PlotlyDataset  [sluice-datasets]")
                .containsPattern("\\n  plotly_args \\(required\\) +mapping\\.");
        CliRun charts = sluice("catalog", "types", "matplotlib.MatplotlibWriter");
        assertThat(charts.exitCode()).isEqualTo(2);
        assertThat(charts.err()).contains("dev.sluice:sluice-charts");
    }

    @Test
    void types_typeOfAModuleNotOnTheClassPath_namesTheModule() {
        CliRun run = sluice("catalog", "types", "parquet");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("No dataset type 'parquet' is on the class path")
                .contains("dev.sluice:sluice-parquet");
    }

    @Test
    void types_misspelled_suggestsTheClosestName() {
        CliRun run = sluice("catalog", "types", "jsno");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("(did you mean 'json'?)").contains("sluice catalog types");
    }

    @Test
    void types_json_describesEveryTypeAndOption() throws Exception {
        CliRun run = sluice("catalog", "types", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        List<String> names = new ArrayList<>();
        json.get("types").forEach(type -> names.add(type.get("name").asText()));
        assertThat(names).containsExactlyElementsOf(DatasetTypes.discover().names());
        assertThat(json.get("catalog_keys").toString()).contains("\"versioned\"");
        JsonNode csv = json.get("types").get(names.indexOf("csv"));
        assertThat(csv.get("module").asText()).isEqualTo("sluice-datasets");
        assertThat(csv.get("class").asText()).isEqualTo("dev.sluice.datasets.csv.CsvDatasetType");
        assertThat(csv.get("declared").asBoolean()).isTrue();
        assertThat(csv.get("aliases").toString()).contains("pandas.CSVDataset");
        JsonNode delimiter = null;
        for (JsonNode option : csv.get("options")) {
            if (option.get("key").asText().equals("load_args.delimiter")) {
                delimiter = option;
            }
        }
        assertThat(delimiter).as("csv's load_args.delimiter").isNotNull();
        assertThat(delimiter.get("scope").asText()).isEqualTo("load_args");
        assertThat(delimiter.get("default").asText()).isEqualTo(",");
        assertThat(delimiter.get("description").asText()).contains("\\t for tabs");
    }

    @Test
    void types_markdown_isTheGuidesReferencePage() {
        CliRun run = sluice("catalog", "types", "--markdown");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .startsWith(TypeCatalog.MARKDOWN_TITLE + "\n")
                .contains("| [`csv`](#csv) | `sluice-datasets` |")
                .contains("\n## csv\n")
                .contains("| `filepath` (required) | path or URI |  | Where the data lives")
                .contains("| `load_args.delimiter` | one character | `,` |")
                .doesNotContain("does not have");
    }

    @Test
    void types_jsonAndMarkdown_isAUsageError() {
        CliRun run = sluice("catalog", "types", "--json", "--markdown");

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("mutually exclusive");
    }
}
