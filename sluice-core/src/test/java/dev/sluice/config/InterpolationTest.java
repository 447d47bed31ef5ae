package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.catalog.DataCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterpolationTest {
    @TempDir
    Path project;

    private Map<String, Object> settingsOf(ProjectConfig config, String name) {
        return config.catalogEntries().stream()
                .filter(entry -> entry.name().equals(name))
                .findFirst()
                .orElseThrow()
                .settings();
    }

    @Test
    void globals_insideTextAndAsWholeValue() {
        ConfTree conf = new ConfTree(project)
                .file("base/globals.yml", "paths:\n  raw: data/01_raw\nretries: 3\n")
                .file("base/catalog.yml", """
                        cars:
                          type: fake
                          filepath: ${globals:paths.raw}/cars.csv
                          retries: ${globals:retries}
                        """);

        assertThat(settingsOf(conf.load(), "cars"))
                .containsEntry("filepath", "data/01_raw/cars.csv")
                .containsEntry("retries", 3);
    }

    @Test
    void globals_defaultIsTyped() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", """
                size: ${globals:size,0.2}
                name: ${globals:name,'a,b'}
                """);

        assertThat(conf.load().parameters()).containsEntry("size", 0.2).containsEntry("name", "a,b");
    }

    @Test
    void globals_missingWithoutDefault_namesFileLineAndKey() {
        ConfTree conf = new ConfTree(project)
                .file("base/globals.yml", "bucket: b\n")
                .file("base/catalog.yml", "cars:\n  type: fake\n  filepath: ${globals:bukket}/cars.csv\n");

        assertThatThrownBy(conf::load)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("conf/base/catalog.yml:3:13: ${globals:bukket} cannot be resolved")
                .hasMessageContaining("did you mean 'bucket'?");
    }

    @Test
    void globals_underscoreKey_isRefused() {
        ConfTree conf = new ConfTree(project)
                .file("base/globals.yml", "_hidden: 1\n")
                .file("base/parameters.yml", "a: ${globals:_hidden}\n");

        assertThatThrownBy(conf::load)
                .hasMessageStartingWith("conf/base/parameters.yml:1:4:")
                .hasMessageContaining("starting with '_'");
    }

    @Test
    void reference_withinSameFile_keepsType() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", """
                model:
                  depth: 4
                  layers: [8, 16]
                copy_depth: ${model.depth}
                second_layer: ${model.layers[1]}
                whole: ${model}
                label: depth-${model.depth}
                """);

        assertThat(conf.load().parameters())
                .containsEntry("copy_depth", 4)
                .containsEntry("second_layer", 16)
                .containsEntry("whole", Map.of("depth", 4, "layers", List.of(8, 16)))
                .containsEntry("label", "depth-4");
    }

    @Test
    void reference_toUnderscoreTemplateInAnotherFileOfSameEnv() {
        ConfTree conf = new ConfTree(project)
                .file("base/catalog_templates.yml", "_root: s3://bucket/data\n")
                .file("base/catalog.yml", "cars:\n  type: fake\n  filepath: ${_root}/cars.csv\n");

        assertThat(settingsOf(conf.load(), "cars")).containsEntry("filepath", "s3://bucket/data/cars.csv");
    }

    @Test
    void reference_toKeyWithDots_resolves() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", """
                ns.cars:
                  type: fake
                  filepath: data/cars.csv
                boats:
                  type: fake
                  filepath: ${ns.cars.filepath}
                """);

        assertThat(settingsOf(conf.load(), "boats")).containsEntry("filepath", "data/cars.csv");
    }

    @Test
    void reference_doesNotReachAnotherEnvironment() {
        ConfTree conf = new ConfTree(project)
                .file("base/catalog.yml", "_root: data\n")
                .file("local/catalog.yml", "cars:\n  type: fake\n  filepath: ${_root}/cars.csv\n");

        assertThatThrownBy(conf::load)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("conf/local/catalog.yml:3:13: ${_root} cannot be resolved")
                .hasMessageContaining("environment 'local'");
    }

    @Test
    void reference_unresolvable_namesFileLineAndReference() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", "a: 1\n\nb:\n  c: ${nope.x}\n");

        assertThatThrownBy(conf::load)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("conf/base/parameters.yml:4:6: ${nope.x} cannot be resolved");
    }

    @Test
    void reference_cycle_isAnError() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", "a: ${b}\nb: ${a}\n");

        assertThatThrownBy(conf::load)
                .hasMessageStartingWith("conf/base/parameters.yml:")
                .hasMessageContaining("interpolation cycle ${b} -> ${a}");
    }

    @Test
    void reference_toOwnParent_isACycle() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", "a:\n  b: ${a}\n");

        assertThatThrownBy(conf::load)
                .hasMessageStartingWith("conf/base/parameters.yml:2:6:")
                .hasMessageContaining("cycle");
    }

    @Test
    void mappingInsideText_isAnError() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", "m: {a: 1}\nt: x-${m}\n");

        assertThatThrownBy(conf::load)
                .hasMessageStartingWith("conf/base/parameters.yml:2:4:")
                .hasMessageContaining("cannot be inserted into text");
    }

    @Test
    void escapedInterpolation_staysLiteral() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", "template: '\\${name}-${n}'\nn: 1\n");

        assertThat(conf.load().parameters()).containsEntry("template", "${name}-1");
    }

    @Test
    void unterminatedInterpolation_isAnError() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", "a: '${b'\n");

        assertThatThrownBy(conf::load)
                .hasMessageStartingWith("conf/base/parameters.yml:1:4:")
                .hasMessageContaining("no closing '}'");
    }

    @Test
    void unknownResolver_isAnErrorWithSuggestion() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", "a: ${global:x}\n");

        assertThatThrownBy(conf::load)
                .hasMessageStartingWith("conf/base/parameters.yml:1:4: unknown resolver 'global'")
                .hasMessageContaining("did you mean 'globals'?");
    }

    @Test
    void runtimeParams_resolveWithTypeAndDefault() {
        ConfTree conf = new ConfTree(project).file("base/catalog.yml", """
                cars:
                  type: fake
                  filepath: data/${runtime_params:run_date,latest}/cars.csv
                  sample: ${runtime_params:sample.size,100}
                """);

        assertThat(settingsOf(conf.load(), "cars"))
                .containsEntry("filepath", "data/latest/cars.csv")
                .containsEntry("sample", 100);
        ProjectConfig withParams = conf.loader()
                .runtimeParams(RuntimeParams.parse("run_date=2024-01-31,sample.size=5"))
                .load();
        assertThat(settingsOf(withParams, "cars"))
                .containsEntry("filepath", "data/2024-01-31/cars.csv")
                .containsEntry("sample", 5);
    }

    @Test
    void runtimeParams_missingWithoutDefault_saysHowToPassIt() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", "\ndate: ${runtime_params:date}\n");

        assertThatThrownBy(conf::load)
                .hasMessageStartingWith("conf/base/parameters.yml:2:7: ${runtime_params:date} cannot be resolved")
                .hasMessageContaining("--params date=<value>");
    }

    @Test
    void runtimeParams_inGlobals_isRefused() {
        ConfTree conf = new ConfTree(project).file("base/globals.yml", "a: ${runtime_params:x,1}\n");

        assertThatThrownBy(conf::load)
                .hasMessageStartingWith("conf/base/globals.yml:1:4:")
                .hasMessageContaining("not allowed in globals");
    }

    @Test
    void environmentVariable_inCredentials_resolves() {
        ConfTree conf = new ConfTree(project)
                .file("local/credentials.yml", "db:\n  user: ${oc.env:DB_USER}\n  port: ${oc.env:DB_PORT,5432}\n")
                .file("base/catalog.yml", "cars:\n  type: fake\n  credentials: db\n");

        ProjectConfig config =
                conf.loader().environment(Map.of("DB_USER", "alice")::get).load();

        assertThat(FakeTypes.specOf(
                                config.toCatalog(project, FakeTypes.registry()).dataset("cars"))
                        .credentials())
                .isEqualTo(Map.of("user", "alice", "port", "5432"));
    }

    @Test
    void bareReference_toAGlobal_isReadFromGlobalsWithAWarningAsKedro018Did() {
        ConfTree conf = new ConfTree(project)
                .file("base/globals.yml", "huggingface_split: train\nbucket: s3://b\nsize: 9\n")
                .file("base/parameters.yml", "huggingface_split: ${huggingface_split}\nsize: 3\nlabel: ${size}\n")
                .file("base/catalog.yml", "cars:\n  type: fake\n  filepath: ${bucket}/cars.csv\n");

        ProjectConfig config = conf.load();

        assertThat(config.parameters())
                .containsEntry("huggingface_split", "train")
                .containsEntry("label", 3);
        assertThat(settingsOf(config, "cars")).containsEntry("filepath", "s3://b/cars.csv");
        assertThat(config.warnings().list())
                .extracting(dev.sluice.Warning::source)
                .containsExactly("conf/base/parameters.yml:1:20", "conf/base/catalog.yml:3:13");
        assertThat(config.warnings().list().get(0).message())
                .contains("${huggingface_split} is not a key of the parameters files")
                .contains("Kedro 0.18's TemplatedConfigLoader")
                .contains("write ${globals:huggingface_split}");
    }

    @Test
    void environmentVariable_unset_leavesThoseCredentialsOutAndOnlyTheirEntryIsUnavailable() {
        ConfTree conf = new ConfTree(project)
                .file("local/credentials.yml", "db:\n  password: ${oc.env:DB_PASSWORD}\nother:\n  user: u\n")
                .file(
                        "base/catalog.yml",
                        "cars:\n  type: fake\n  credentials: db\nboats:\n  type: fake\n  credentials: other\n");

        ProjectConfig config = conf.loader().environment(name -> null).load();
        DataCatalog catalog = config.toCatalog(project, FakeTypes.registry());

        assertThat(config.credentialNames()).containsExactly("other");
        assertThat(FakeTypes.specOf(catalog.dataset("boats")).credentials()).isEqualTo(Map.of("user", "u"));
        assertThatThrownBy(() -> catalog.dataset("cars"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("catalog entry 'cars' uses credentials 'db', which cannot be resolved")
                .hasMessageContaining("conf/local/credentials.yml:2:13: ${oc.env:DB_PASSWORD} cannot be resolved")
                .hasMessageContaining("environment variable 'DB_PASSWORD' is not set");
        assertThat(config.warnings().list())
                .anySatisfy(w -> assertThat(w.message()).startsWith("Credentials 'db' cannot be resolved"));
    }

    @Test
    void environmentVariable_inCatalog_isRefused() {
        ConfTree conf =
                new ConfTree(project).file("base/catalog.yml", "cars:\n  type: fake\n  token: ${oc.env:TOKEN}\n");

        assertThatThrownBy(() -> conf.loader()
                        .environment(Map.of("TOKEN", "secret-value")::get)
                        .load())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("conf/base/catalog.yml:3:10: ${oc.env:TOKEN} reads an environment variable")
                .hasMessageContaining("only allowed in credentials")
                .hasMessageNotContaining("secret-value");
    }

    @Test
    void environmentVariable_inParameters_isRefused() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", "home: ${oc.env:HOME}\n");

        assertThatThrownBy(conf::load).hasMessageContaining("only allowed in credentials");
    }
}
