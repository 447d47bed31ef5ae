package dev.sluice.io;

import static dev.sluice.io.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetArgsTest {
    private static DatasetArgs loadArgs(Map<String, Object> args) {
        DatasetSpec spec = spec("cars", "csv", Map.of("load_args", args), Path.of("."), List.of());
        return DatasetArgs.of(spec, "load_args");
    }

    @Test
    void of_absentGroup_isEmpty() {
        DatasetSpec spec = spec("cars", "csv", Map.of(), Path.of("."), List.of());

        DatasetArgs args = DatasetArgs.of(spec, "save_args");

        assertThat(args.values()).isEmpty();
        assertThat(args.bool("header", true)).isTrue();
        assertThat(args.character("delimiter", ',')).isEqualTo(',');
    }

    @Test
    void of_groupNotMapping_error() {
        DatasetSpec spec = spec("cars", "csv", Map.of("load_args", "sep=;"), Path.of("."), List.of());

        assertThatThrownBy(() -> DatasetArgs.of(spec, "load_args"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'load_args' must be a mapping");
    }

    @Test
    void accessors_validValues_parsed() {
        DatasetArgs args = loadArgs(
                Map.of("delimiter", "\\t", "header", "false", "encoding", "latin1", "dtype", Map.of("id", "long")));

        assertThat(args.character("delimiter", ',')).isEqualTo('\t');
        assertThat(args.bool("header", true)).isFalse();
        assertThat(args.charset("encoding", StandardCharsets.UTF_8)).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(args.map("dtype")).containsEntry("id", "long");
    }

    @Test
    void character_twoCharacters_errorNamesKey() {
        assertThatThrownBy(() -> loadArgs(Map.of("delimiter", ";;")).character("delimiter", ','))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("load_args.delimiter")
                .hasMessageContaining("single character, not ';;'");
    }

    @Test
    void bool_notBoolean_errorNamesKey() {
        assertThatThrownBy(() -> loadArgs(Map.of("header", "yes please")).bool("header", true))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("load_args.header")
                .hasMessageContaining("true or false");
    }

    @Test
    void map_notMapping_errorNamesKey() {
        assertThatThrownBy(() -> loadArgs(Map.of("dtype", "int")).map("dtype"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("load_args.dtype")
                .hasMessageContaining("must be a mapping");
    }
}
