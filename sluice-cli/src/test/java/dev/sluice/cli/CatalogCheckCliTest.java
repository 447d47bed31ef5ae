package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.project.PipelineRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sluice catalog check}: every entry's state, and an exit code that says whether the pipelines can run. */
class CatalogCheckCliTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();

    @BeforeEach
    void project() throws IOException {
        Path base = Files.createDirectories(dir.resolve("conf/base"));
        Files.createDirectories(dir.resolve("conf/local"));
        Files.writeString(base.resolve("catalog.yml"), """
                companies:
                  type: pandas.CSVDataSet
                  filepath: data/companies.csv
                shuttles:
                  type: pandas.ExcelDataset
                  filepath: data/shuttles.xlsx
                "{name}_json":
                  type: json.JSONDataset
                  filepath: data/{name}.json
                """);
        Files.createDirectories(dir.resolve("conf/staging"));
        Files.writeString(dir.resolve("conf/staging/catalog.yml"), """
                shuttles:
                  type: text
                  filepath: data/shuttles.txt
                """);
    }

    private int check(Pipeline pipeline, String... args) {
        CommandLine cli = Main.commandLine(new PrintWriter(out), new PrintWriter(new StringWriter()));
        CatalogCommand.Check command = (CatalogCommand.Check) cli.getSubcommands()
                .get("catalog")
                .getSubcommands()
                .get("check")
                .getCommand();
        if (pipeline != null) {
            command.project.configure = builder -> builder.registry(() -> Map.of(PipelineRegistry.DEFAULT, pipeline));
        }
        String[] full = new String[args.length + 4];
        full[0] = "catalog";
        full[1] = "check";
        full[2] = "--project";
        full[3] = dir.toString();
        System.arraycopy(args, 0, full, 4, args.length);
        return cli.execute(full);
    }

    private static Pipeline using(String... inputs) {
        Node.Builder node = Node.named("report").inputs(inputs).outputs("summary_json");
        return Pipeline.of(
                inputs.length == 1 ? node.fn((Object a) -> "done") : node.fn((Object a, Object b) -> "done"));
    }

    @Test
    void check_usedEntryUnavailable_printsEveryStateAndExitsTwo() {
        int exit = check(using("companies", "shuttles"));

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString())
                .contains("4 catalog entries: 2 ok, 1 unavailable, 1 factory patterns")
                .containsPattern("ok +companies +pandas.CSVDataSet +conf/base/catalog.yml:1 \\(used\\)")
                .containsPattern("unavailable +shuttles +pandas.ExcelDataset +conf/base/catalog.yml:4 \\(used\\)")
                .contains("provided by Sluice's module dev.sluice:sluice-excel")
                .containsPattern("factory +\\{name}_json +json.JSONDataset")
                .containsPattern("ok +summary_json +json.JSONDataset .* \\(used\\) \\(from pattern '\\{name}_json'\\)")
                .contains("1 used entry cannot be built: shuttles.");
    }

    @Test
    void check_credentialsWithAnUnsetVariable_makeOnlyTheirEntryUnavailable() throws IOException {
        Files.writeString(dir.resolve("conf/base/catalog.yml"), """
                companies:
                  type: pandas.CSVDataset
                  filepath: data/companies.csv
                weather:
                  type: api.APIDataSet
                  url: https://api.example.com/forecast
                  credentials: weather_api
                """);
        Files.writeString(dir.resolve("conf/local/credentials.yml"), """
                weather_api:
                  username: ${oc.env:SLUICE_TEST_VARIABLE_NEVER_SET}
                  password: not-shown
                """);

        int exit = check(using("companies"));

        assertThat(exit).isZero();
        assertThat(out.toString())
                .containsPattern("ok +companies")
                .containsPattern("unavailable +weather +api.APIDataSet +conf/base/catalog.yml:4")
                .contains("uses credentials 'weather_api', which cannot be resolved")
                .contains("environment variable 'SLUICE_TEST_VARIABLE_NEVER_SET' is not set")
                .doesNotContain("not-shown");
    }

    @Test
    void check_unavailableEntryUnused_exitsZero() {
        assertThat(check(using("companies"))).isZero();
        assertThat(out.toString()).contains("Every dataset the pipelines use can be built.");
    }

    @Test
    void check_envOverridesTheEntry_exitsZero() {
        assertThat(check(using("companies", "shuttles"), "--env", "staging")).isZero();
    }

    @Test
    void check_noPipelineRegistry_everyEntryCountsAndJsonListsThem() {
        int exit = check(null, "--json");

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString())
                .startsWith("{\n  \"ok\": false,\n  \"pipelines\": false,\n  \"entries\": [\n")
                .contains("{\"name\": \"companies\", \"type\": \"pandas.CSVDataSet\", \"source\":"
                        + " \"conf/base/catalog.yml:1\", \"state\": \"ok\", \"used\": true}")
                .contains("\"name\": \"shuttles\"")
                .contains("\"state\": \"unavailable\"")
                .contains("\"problem\": \"conf/base/catalog.yml:5: dataset 'shuttles' has unknown type"
                        + " 'pandas.ExcelDataset'")
                .contains("{\"name\": \"{name}_json\", \"type\": \"json.JSONDataset\", \"source\":"
                        + " \"conf/base/catalog.yml:7 (pattern '{name}_json')\", \"state\": \"factory\", \"used\":"
                        + " false, \"pattern\": \"{name}_json\"}");
    }
}
