package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parameters bound to the records nodes take, checked against the YAML before any node runs. */
class TypedParametersTest {
    @TempDir
    Path project;

    record ModelOptions(double testSize, int randomState, List<String> features) {}

    static String split(String table, ModelOptions options) {
        return table + options;
    }

    record Retries(int count) {}

    static String retry(Map<String, Object> parameters, Retries retries) {
        return "" + parameters.size() + retries;
    }

    private static Pipeline pipeline() {
        return Pipeline.of(Node.named("split_data")
                .inputs("model_input_table", "params:model_options")
                .outputs("split")
                .fn(TypedParametersTest::split));
    }

    @Test
    void checkParameterTypes_valuesThatFit_pass() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", """
                model_options:
                  test_size: 0.2
                  random_state: 3
                  features: [engines, crew]
                """);

        assertThatCode(() -> conf.load().checkParameterTypes(pipeline())).doesNotThrowAnyException();
    }

    @Test
    void checkParameterTypes_badValue_namesFileLineKeyNodeAndComponent() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", """
                model_options:
                  test_size: a fifth
                  random_state: 3
                  features: [engines, crew]
                """);

        assertThatThrownBy(() -> conf.load().checkParameterTypes(pipeline()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("conf/base/parameters.yml:2:14: parameter 'model_options.test_size' does not fit "
                        + ModelOptions.class.getName() + ", the type node 'split_data' takes it as (component double "
                        + "testSize of record " + ModelOptions.class.getName() + "): it is the text 'a fifth', not a "
                        + "number. Fix the value, or the type the node declares.");
    }

    @Test
    void checkParameterTypes_unknownKeyInANestedList_pointsAtIt() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", """
                model_options:
                  test_size: 0.2
                  random_state: 3
                  features: [engines, 7]
                  radom_state: 4
                """);

        assertThatThrownBy(() -> conf.load().checkParameterTypes(pipeline()))
                .hasMessageContaining(
                        "conf/base/parameters.yml:5:16: parameter 'model_options.radom_state' does not " + "fit")
                .hasMessageContaining("(did you mean 'random_state'?)");
    }

    @Test
    void checkParameterTypes_missingKey_pointsAtTheMapping() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", """
                other: 1
                model_options:
                  test_size: 0.2
                  features: []
                """);

        assertThatThrownBy(() -> conf.load().checkParameterTypes(pipeline()))
                .hasMessageStartingWith("conf/base/parameters.yml:3:3: parameter 'model_options' does not fit")
                .hasMessageContaining("key 'random_state' is missing");
    }

    @Test
    void checkParameterTypes_runtimeParamOverride_isNamedAsTheSource() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", """
                model_options:
                  test_size: 0.2
                  random_state: 3
                  features: [engines]
                """);

        ProjectConfig config = conf.loader()
                .runtimeParams(RuntimeParams.parse("model_options.random_state=1.5"))
                .load();

        assertThatThrownBy(() -> config.checkParameterTypes(pipeline()))
                .hasMessageStartingWith("--params: parameter 'model_options.random_state' does not fit")
                .hasMessageContaining("it is 1.5, not a whole number");
    }

    @Test
    void checkParameterTypes_severalProblems_areListedTogether() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", """
                model_options:
                  test_size: x
                  random_state: 3
                  features: [a]
                retries: {count: many}
                """);
        Pipeline two = pipeline()
                .union(Pipeline.of(Node.named("all")
                        .inputs("parameters", "params:retries")
                        .outputs("all_out")
                        .fn(TypedParametersTest::retry)));

        assertThatThrownBy(() -> conf.load().checkParameterTypes(two))
                .hasMessageStartingWith("2 parameters do not fit the types their nodes take:\n  - ")
                .hasMessageContaining("node 'all'")
                .hasMessageContaining("node 'split_data'");
    }

    @Test
    void checkParameterTypes_undefinedParameter_isLeftToTheRunner() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", "other: 1\n");

        assertThatCode(() -> conf.load().checkParameterTypes(pipeline())).doesNotThrowAnyException();
    }

    @Test
    void catalog_boundRecordRunsTheNode() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", """
                model_options: {test_size: 0.5, random_state: 1, features: [a]}
                """);
        ProjectConfig config = conf.load();
        Object options = config.toCatalog(project, FakeTypes.registry()).load("params:model_options");

        assertThat(pipeline().node("split_data").run(Map.of("model_input_table", "t", "params:model_options", options)))
                .containsEntry("split", "t" + new ModelOptions(0.5, 1, List.of("a")));
    }
}
