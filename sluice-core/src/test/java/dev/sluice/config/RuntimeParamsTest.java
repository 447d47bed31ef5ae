package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeParamsTest {
    @TempDir
    Path project;

    @Test
    void parse_typesValues() {
        assertThat(RuntimeParams.parse("i=1,l=12345678901,f=0.5,e=1e3,t=TRUE,f2=false,s=abc,v=1.2.3,n=null,empty="))
                .containsEntry("i", 1)
                .containsEntry("l", 12345678901L)
                .containsEntry("f", 0.5)
                .containsEntry("e", 1000.0)
                .containsEntry("t", true)
                .containsEntry("f2", false)
                .containsEntry("s", "abc")
                .containsEntry("v", "1.2.3")
                .containsEntry("n", "null")
                .containsEntry("empty", "");
    }

    @Test
    void parse_flowList_isAListOfTypedValues() {
        assertThat(RuntimeParams.parse("features=[engines,crew],sizes=[1, 2.5, true]"))
                .isEqualTo(Map.of("features", List.of("engines", "crew"), "sizes", List.of(1, 2.5, true)));
    }

    @Test
    void parse_flowMapping_isANestedMapping() {
        assertThat(RuntimeParams.parse("model={depth: 3, layers: [64, 32], name: 'a, b'},seed=7"))
                .isEqualTo(Map.of("model", Map.of("depth", 3, "layers", List.of(64, 32), "name", "a, b"), "seed", 7));
    }

    @Test
    void parse_quotedValue_isTextWithItsCommas() {
        assertThat(RuntimeParams.parse("title='Hello, world',n=\"5\",quote=it's,x=1"))
                .isEqualTo(Map.of("title", "Hello, world", "n", "5", "quote", "it's", "x", 1));
    }

    @Test
    void parse_unclosedList_failsNamingTheWholeItem() {
        assertThatThrownBy(() -> RuntimeParams.parse("features=[engines,crew"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("--params item 'features=[engines,crew' has a value that starts a list or "
                        + "mapping but is not one (")
                .hasMessageEndingWith("write lists as key=[a,b] and mappings as key={k: v}, or quote the value to "
                        + "make it text.");
    }

    @Test
    void items_splitOnlyAtTopLevelCommas() {
        assertThat(RuntimeParams.items(" a=[1,2], b={c: 1, d: 2},e='x,y' ,, f=it's"))
                .containsExactly("a=[1,2]", "b={c: 1, d: 2}", "e='x,y'", "f=it's");
    }

    @Test
    void format_anyParameters_parsesBackToTheSameValues() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("features", List.of("engines", "crew", "a, b", "5", ""));
        params.put("model", Map.of("depth", 3, "rate", 0.1, "name", "x: y"));
        params.put("flag", true);
        params.put("text", "true");
        params.put("quoted", "it's [x]");
        params.put("empty_list", List.of());
        params.put("url", "https://host:8080/x?a=b");

        String text = RuntimeParams.format(params);

        assertThat(RuntimeParams.parse(text)).as(text).isEqualTo(params);
    }

    @Test
    void parse_listValue_reachesParametersAsAList() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", "features: [engines]\n");

        ProjectConfig config = ProjectConfig.load(conf.conf(), null, RuntimeParams.parse("features=[engines,crew]"));

        assertThat(config.parameters()).isEqualTo(Map.of("features", List.of("engines", "crew")));
    }

    @Test
    void parse_dottedKeysNest() {
        assertThat(RuntimeParams.parse("a=1,b.c=x,b.d.e=2"))
                .isEqualTo(Map.of("a", 1, "b", Map.of("c", "x", "d", Map.of("e", 2))));
    }

    @Test
    void parse_splitsAtFirstEqualsOrColon() {
        assertThat(RuntimeParams.parse("url=https://host:8080/x?a=b, mode:fast"))
                .isEqualTo(Map.of("url", "https://host:8080/x?a=b", "mode", "fast"));
    }

    @Test
    void parse_blank_isEmpty() {
        assertThat(RuntimeParams.parse("  ")).isEmpty();
        assertThat(RuntimeParams.parse(null)).isEmpty();
    }

    @Test
    void parse_laterValueForSameKeyWins() {
        assertThat(RuntimeParams.parse("a=1,a=2")).isEqualTo(Map.of("a", 2));
    }

    @Test
    void parse_itemWithoutValue_isAnError() {
        assertThatThrownBy(() -> RuntimeParams.parse("a=1,verbose"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Invalid value for option '--params': 'verbose' has no value");
    }

    @Test
    void parse_emptyKey_isAnError() {
        assertThatThrownBy(() -> RuntimeParams.parse("=1")).hasMessageContaining("has no key");
        assertThatThrownBy(() -> RuntimeParams.parse("a..b=1")).hasMessageContaining("empty part");
    }

    @Test
    void parse_valueAndGroupForSameKey_isAnError() {
        assertThatThrownBy(() -> RuntimeParams.parse("a=1,a.b=2"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("conflicts with 'a'");
        assertThatThrownBy(() -> RuntimeParams.parse("a.b=2,a=1")).hasMessageContaining("conflicts");
    }

    @Test
    void runtimeParams_overrideParametersKeyByKey() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", "model:\n  rate: 0.1\n  depth: 3\nseed: 1\n");

        ProjectConfig config =
                ProjectConfig.load(conf.conf(), null, RuntimeParams.parse("model.rate=0.5,seed=7,extra=x"));

        assertThat(config.parameters())
                .isEqualTo(Map.of("model", Map.of("rate", 0.5, "depth", 3), "seed", 7, "extra", "x"));
    }

    @Test
    void runtimeParams_overrideAfterEnvironments() {
        ConfTree conf = new ConfTree(project)
                .file("base/parameters.yml", "rate: 1\n")
                .file("local/parameters.yml", "rate: 2\n");

        assertThat(ProjectConfig.load(conf.conf(), null, Map.of("rate", 3)).parameters())
                .containsEntry("rate", 3);
    }

    @Test
    void runtimeParams_areSeenByReferencesInParameters() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", "rate: 1\nhalf_rate_label: r=${rate}\n");

        assertThat(ProjectConfig.load(conf.conf(), null, Map.of("rate", 8)).parameters())
                .containsEntry("half_rate_label", "r=8");
    }

    @Test
    void runtimeParams_flatDottedMapKeys_areNested() {
        ConfTree conf = new ConfTree(project).file("base/parameters.yml", "model:\n  rate: 0.1\n");

        ProjectConfig config = ProjectConfig.load(conf.conf(), null, Map.of("model.rate", 0.9));

        assertThat(config.parameters()).isEqualTo(Map.of("model", Map.of("rate", 0.9)));
        assertThat(config.runtimeParams()).isEqualTo(Map.of("model", Map.of("rate", 0.9)));
    }
}
