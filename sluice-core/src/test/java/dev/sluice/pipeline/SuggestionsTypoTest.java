package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Suggestions#isLikelyTypo} on dataset names from real Kedro projects. */
class SuggestionsTypoTest {
    @ParameterizedTest
    @CsvSource({
        "preprocesed_shuttles, preprocessed_shuttles",
        "preprocessed_shuttle, preprocessed_shuttles",
        "modelinput_table, model_input_table",
        "Model_Input_Table, model_input_table",
        "model-input-table, model_input_table",
        "regresor, regressor",
        "mdoel_input_table, model_input_table",
        "companeis, companies",
        "example_iris_dta, example_iris_data",
        "feature_enginering.output, feature_engineering.output"
    })
    void isLikelyTypo_oneSlipOfTheFinger_matches(String typo, String name) {
        assertThat(Suggestions.isLikelyTypo(typo, name)).isTrue();
        assertThat(Suggestions.isLikelyTypo(name, typo)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "X_train, y_train",
        "X_train, X_test",
        "train_x, test_x",
        "sales_2023, sales_2024",
        "model_v1, model_v2",
        "companies, preprocessed_companies",
        "active.metrics, candidate.metrics",
        "ns1.companies, ns2.companies",
        "raw_cars, raw_bars",
        "test_data, text_data",
        "X, y",
        "shuttles, reviews",
        "predictions, prediction_scores",
        "input_1, input_2",
        "w1_0, w1_1",
        "model_input_table, model_input_table"
    })
    void isLikelyTypo_differentDatasets_doNotMatch(String one, String other) {
        assertThat(Suggestions.isLikelyTypo(one, other)).isFalse();
    }
}
