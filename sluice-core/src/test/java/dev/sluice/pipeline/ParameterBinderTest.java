package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Binding YAML values (maps, lists, scalars) to the records and types nodes declare. */
class ParameterBinderTest {
    enum Solver {
        LBFGS,
        NEWTON_CG
    }

    record Layer(int units, String activation) {}

    record ModelOptions(
            double testSize,
            int randomState,
            List<String> features,
            Solver solver,
            Optional<Double> l2,
            List<Layer> layers,
            Map<String, Double> weights) {}

    record Positive(int value) {
        Positive {
            if (value <= 0) {
                throw new IllegalArgumentException("value must be positive, not " + value);
            }
        }
    }

    private static Map<String, Object> modelOptions() {
        Map<String, Object> yaml = new LinkedHashMap<>();
        yaml.put("test_size", 0.2);
        yaml.put("random_state", 3);
        yaml.put("features", List.of("engines", "crew"));
        yaml.put("solver", "newton-cg");
        yaml.put("layers", List.of(Map.of("units", 64, "activation", "relu")));
        yaml.put("weights", Map.of("a", 1, "b", 0.5));
        return yaml;
    }

    @Test
    void bind_recordFromSnakeCaseKeys_convertsEveryComponent() {
        ModelOptions options = (ModelOptions) ParameterBinder.bind(modelOptions(), ModelOptions.class);

        assertThat(options)
                .isEqualTo(new ModelOptions(
                        0.2,
                        3,
                        List.of("engines", "crew"),
                        Solver.NEWTON_CG,
                        Optional.empty(),
                        List.of(new Layer(64, "relu")),
                        Map.of("a", 1.0, "b", 0.5)));
    }

    @Test
    void bind_camelCaseKeys_matchToo() {
        Map<String, Object> yaml = modelOptions();
        yaml.remove("test_size");
        yaml.put("testSize", 1);

        assertThat(((ModelOptions) ParameterBinder.bind(yaml, ModelOptions.class)).testSize())
                .isEqualTo(1.0);
    }

    @Test
    void bind_textForANumber_namesTheKeyAndComponent() {
        Map<String, Object> yaml = modelOptions();
        yaml.put("test_size", "abc");

        assertThatThrownBy(() -> ParameterBinder.bind(yaml, ModelOptions.class))
                .isInstanceOf(ParameterBindingException.class)
                .hasMessage("'test_size' (component double testSize of record " + ModelOptions.class.getName()
                        + "): it is the text 'abc', not a number.")
                .satisfies(e -> {
                    ParameterBindingException binding = (ParameterBindingException) e;
                    assertThat(binding.path()).containsExactly("test_size");
                    assertThat(binding.component())
                            .contains("double testSize of record " + ModelOptions.class.getName());
                });
    }

    @Test
    void bind_unknownKey_suggestsTheClosestComponent() {
        Map<String, Object> yaml = modelOptions();
        yaml.put("radom_state", 4);

        assertThatThrownBy(() -> ParameterBinder.bind(yaml, ModelOptions.class))
                .hasMessageStartingWith("'radom_state': record " + ModelOptions.class.getName()
                        + " has no component for key 'radom_state' (did you mean 'random_state'?); its keys are "
                        + "[test_size, random_state, features, solver, l2, layers, weights].");
    }

    @Test
    void bind_missingKey_saysWhichToAdd() {
        Map<String, Object> yaml = modelOptions();
        yaml.remove("random_state");

        assertThatThrownBy(() -> ParameterBinder.bind(yaml, ModelOptions.class))
                .hasMessage("the value (component int randomState of record " + ModelOptions.class.getName()
                        + "): key 'random_state' is missing; add it (or make the component an Optional).");
    }

    @Test
    void bind_nestedListOfRecords_pathHasTheIndex() {
        Map<String, Object> yaml = modelOptions();
        yaml.put("layers", List.of(Map.of("units", 64, "activation", "relu"), Map.of("units", 1.5, "activation", "x")));

        assertThatThrownBy(() -> ParameterBinder.bind(yaml, ModelOptions.class))
                .isInstanceOfSatisfying(ParameterBindingException.class, e -> {
                    assertThat(e.path()).containsExactly("layers", 1, "units");
                    assertThat(ParameterBindingException.dotted(e.path())).isEqualTo("layers[1].units");
                    assertThat(e.problem()).isEqualTo("it is 1.5, not a whole number");
                    assertThat(e.component()).contains("int units of record " + Layer.class.getName());
                });
    }

    @Test
    void bind_unknownEnumConstant_listsTheConstants() {
        Map<String, Object> yaml = modelOptions();
        yaml.put("solver", "adam");

        assertThatThrownBy(() -> ParameterBinder.bind(yaml, ModelOptions.class))
                .hasMessageEndingWith("it is the text 'adam', not one of [LBFGS, NEWTON_CG].");
    }

    @Test
    void bind_recordConstructorRejects_reportsItsMessage() {
        assertThatThrownBy(() -> ParameterBinder.bind(Map.of("value", -1), Positive.class))
                .hasMessageContaining("record " + Positive.class.getName() + " rejected the values: "
                        + "java.lang.IllegalArgumentException: value must be positive, not -1");
    }

    @Test
    void bind_scalars_convertWithinRangeAndRefuseLossyOnes() {
        assertThat(ParameterBinder.bind(3, double.class)).isEqualTo(3.0);
        assertThat(ParameterBinder.bind(3.0, int.class)).isEqualTo(3);
        assertThat(ParameterBinder.bind(5_000_000_000L, long.class)).isEqualTo(5_000_000_000L);
        assertThat(ParameterBinder.bind(0.1, BigDecimal.class)).isEqualTo(new BigDecimal("0.1"));
        assertThat(ParameterBinder.bind("x", char.class)).isEqualTo('x');
        assertThatThrownBy(() -> ParameterBinder.bind(5_000_000_000L, int.class))
                .hasMessageContaining("outside the range of int");
        assertThatThrownBy(() -> ParameterBinder.bind(7, String.class))
                .hasMessageContaining("it is 7, not text; quote it in YAML to make it text");
        assertThatThrownBy(() -> ParameterBinder.bind("yes", boolean.class)).hasMessageContaining("not true or false");
        assertThatThrownBy(() -> ParameterBinder.bind(null, int.class))
                .hasMessageContaining("it is null, but int cannot be null");
    }

    @Test
    void bind_collectionsAndArrays_bindTheirElements() throws NoSuchFieldException {
        assertThat(ParameterBinder.bind(List.of(1, 2), typeOf("doubles"))).isEqualTo(List.of(1.0, 2.0));
        assertThat(ParameterBinder.bind(List.of("a", "b", "a"), typeOf("names")))
                .isEqualTo(Set.of("a", "b"));
        assertThat((int[]) ParameterBinder.bind(List.of(1, 2), int[].class)).containsExactly(1, 2);
        assertThatThrownBy(() -> ParameterBinder.bind("a", typeOf("doubles"))).hasMessageContaining("not a list");
    }

    @Test
    void bind_plainTargets_passTheValueAsItIs() {
        Map<String, Object> yaml = modelOptions();

        assertThat(ParameterBinder.bind(yaml, Object.class)).isSameAs(yaml);
        assertThat(ParameterBinder.bind(yaml, Map.class)).isEqualTo(yaml);
        assertThat(ParameterBinder.bind(new ArrayList<>(List.of(1)), List.class))
                .isEqualTo(List.of(1));
    }

    @Test
    void bind_classThatIsNotARecord_saysWhatToDeclare() {
        assertThatThrownBy(() -> ParameterBinder.bind(Map.of(), StringBuilder.class))
                .hasMessageContaining("cannot be bound to java.lang.StringBuilder; declare a record");
    }

    @SuppressWarnings("unused")
    private static final class Holder {
        List<Double> doubles;
        Set<String> names;
    }

    private static Type typeOf(String field) throws NoSuchFieldException {
        return Holder.class.getDeclaredField(field).getGenericType();
    }
}
