package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Custom {@code ${name:args}} resolvers (Kedro's CUSTOM_RESOLVERS) and Kedro's rules for {@code oc.env}. */
class ResolversTest {
    @TempDir
    Path project;

    private static final ConfigResolver ADD = ConfigResolver.of(
            "add", args -> args.stream().mapToInt(a -> ((Number) a).intValue()).sum());
    private static final ConfigResolver JOIN = ConfigResolver.of("str.join", args -> ((List<?>) args.get(0))
            .stream().map(String::valueOf).collect(Collectors.joining((String) args.get(1))));

    @Test
    void customResolver_wholeValue_keepsTheResultsType() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", "epochs: ${add:1,2,3}\nname: x${add:1,1}\n");

        ProjectConfig config = conf.loader().resolver(ADD).load();

        assertThat(config.parameters()).containsEntry("epochs", 6).containsEntry("name", "x2");
    }

    @Test
    void customResolver_listArgumentAndQuotedText_arriveTyped() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", "label: ${str.join:[a, 1, true],'-'}\n");

        ProjectConfig config = conf.loader().resolver(JOIN).load();

        assertThat(config.parameters()).containsEntry("label", "a-1-true");
    }

    @Test
    void customResolver_argumentIsAnInterpolation_resolvesItFirst() {
        ConfTree conf = new ConfTree(project)
                .file("base/globals.yml", "base_epochs: 10\n")
                .file("base/parameters.yml", "extra: 5\nepochs: ${add:${globals:base_epochs},${extra}}\n");

        assertThat(conf.loader().resolver(ADD).load().parameters()).containsEntry("epochs", 15);
    }

    @Test
    void customResolver_returnsAMapOrList_becomesConfiguration() {
        ConfigResolver defaults = ConfigResolver.of("defaults", args -> Map.of("sep", ";", "cols", List.of("a", "b")));
        ConfTree conf = new ConfTree(project)
                .file("base/parameters.yml", "csv: ${defaults:}\n")
                .file("base/catalog.yml", "cars:\n  type: fake\n  load_args: ${defaults:}\n");

        ProjectConfig config = conf.loader().resolver(defaults).load();

        assertThat(config.parameters()).containsEntry("csv", Map.of("sep", ";", "cols", List.of("a", "b")));
        assertThat(config.catalogEntries().get(0).settings())
                .containsEntry("load_args", Map.of("sep", ";", "cols", List.of("a", "b")));
    }

    @Test
    void customResolver_throws_failsWithFileLineAndTheResolversMessage() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", "a: 1\nb: ${add:1,x}\n");

        assertThatThrownBy(() -> conf.loader().resolver(ADD).load())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(
                        "conf/base/parameters.yml:2:4: ${add:1,x} cannot be resolved: resolver 'add' " + "failed: ")
                .hasMessageContaining("java.lang.String");
    }

    @Test
    void customResolver_returnsAnObject_failsNamingItsClass() {
        ConfigResolver now = ConfigResolver.of("now", args -> java.time.LocalDate.of(2026, 1, 2));
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", "day: ${now:}\n");

        assertThatThrownBy(() -> conf.loader().resolver(now).load())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("conf/base/parameters.yml:1:6: ${now:} cannot be resolved: resolver 'now' returned a "
                        + "java.time.LocalDate; a resolver must return text, a number, a boolean, null, or a List or "
                        + "Map of those.");
    }

    @Test
    void customResolver_badListArgument_failsAtTheInterpolation() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", "label: ${str.join:[a, b,'-'}\n");

        assertThatThrownBy(() -> conf.loader().resolver(JOIN).load())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("conf/base/parameters.yml:1:8:");
    }

    @Test
    void unknownResolver_listsTheRegisteredOnes() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", "n: ${ad:1,2}\n");

        assertThatThrownBy(() -> conf.loader().resolver(ADD).load())
                .hasMessageStartingWith(
                        "conf/base/parameters.yml:1:4: unknown resolver 'ad' in ${ad:1,2} (did you mean "
                                + "'add'?). parameters files support [add, globals, runtime_params];")
                .hasMessageEndingWith(
                        "Register custom resolvers in META-INF/services/dev.sluice.config.ConfigResolver.");
    }

    @Test
    void resolver_builtInName_isRefused() {
        assertThatThrownBy(() -> new ConfTree(project).loader().resolver(ConfigResolver.of("globals", args -> 1)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("named 'globals', which is built in and cannot be replaced");
    }

    @Test
    void resolver_badOrDuplicateName_isRefused() {
        assertThatThrownBy(() -> new ConfTree(project).loader().resolver(ConfigResolver.of("no good", args -> 1)))
                .hasMessageContaining("is named 'no good'; a resolver name is a dotted identifier");
        assertThatThrownBy(() ->
                        new ConfTree(project).loader().resolver(ADD).resolver(ConfigResolver.of("add", args -> 0)))
                .hasMessageStartingWith("Two config resolvers are named 'add':");
    }

    @Test
    void environmentVariable_inParametersByDefault_isRefusedAsInKedro() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", "home: ${oc.env:HOME}\n");

        assertThatThrownBy(conf::load)
                .hasMessageContaining("only allowed in credentials files")
                .hasMessageNotContaining("unknown resolver");
    }

    @Test
    void environmentVariable_withOcEnvRegistered_resolvesInEveryKind() {
        EnvironmentVariableResolver env = new EnvironmentVariableResolver(Map.of("RUN_DATE", "2026-01-31")::get);
        ConfTree conf = new ConfTree(project)
                .file("base/globals.yml", "date: ${oc.env:RUN_DATE}\n")
                .file("base/parameters.yml", "date: ${oc.env:RUN_DATE}\nmode: ${oc.env:MODE,fast}\nn: ${oc.env:N,3}\n")
                .file("base/catalog.yml", "cars:\n  type: fake\n  filepath: data/${oc.env:RUN_DATE}/cars.csv\n");

        ProjectConfig config = conf.loader().resolver(env).load();

        assertThat(config.globals()).containsEntry("date", "2026-01-31");
        assertThat(config.parameters())
                .containsEntry("date", "2026-01-31")
                .containsEntry("mode", "fast")
                .containsEntry("n", "3");
        assertThat(config.catalogEntries().get(0).settings()).containsEntry("filepath", "data/2026-01-31/cars.csv");
    }

    @Test
    void environmentVariable_registeredAndUnset_namesTheVariable() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", "date: ${oc.env:RUN_DATE}\n");

        assertThatThrownBy(() -> conf.loader()
                        .resolver(new EnvironmentVariableResolver(name -> null))
                        .load())
                .hasMessage("conf/base/parameters.yml:1:7: ${oc.env:RUN_DATE} cannot be resolved: resolver 'oc.env' "
                        + "failed: environment variable 'RUN_DATE' is not set; set it, or give a default: "
                        + "${oc.env:RUN_DATE,<default>}.");
    }
}
