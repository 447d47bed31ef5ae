package dev.sluice.io;

import dev.sluice.io.DatasetSchema.Option;
import java.util.Set;

/**
 * Catalog type {@code yaml} (also {@code YAMLDataset}, {@code yaml.YAMLDataset}): a {@link
 * YamlDataset} at {@code filepath}.
 *
 * <ul>
 *   <li>{@code save_args.default_flow_style}: {@code false} (block style, Kedro's default) or {@code
 *       true} (flow style); PyYAML's {@code None} (flow style for leaf collections only) is not offered.
 *   <li>{@code save_args.sort_keys}: sort every map's keys, as PyYAML does by default; Sluice keeps the
 *       map's own order unless this is {@code true}.
 * </ul>
 */
public final class YamlDatasetType implements DatasetType {
    @Override
    public String name() {
        return "yaml";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("YAMLDataset", "yaml.YAMLDataset", "kedro_datasets.yaml.YAMLDataset");
    }

    @Override
    public DatasetSchema schema() {
        return DatasetSchema.builder("A YAML document, loaded as plain Java values and written deterministically.")
                .holds("Map, List, String, Number, Boolean")
                .entry(DatasetSchema.FILEPATH, DatasetSchema.FS_ARGS)
                .saveArgs(
                        Option.of(
                                        "default_flow_style",
                                        "true or false",
                                        "Write collections in flow style ({a: 1}) instead of block style.")
                                .withDefault("false"),
                        Option.of(
                                        "sort_keys",
                                        "true or false",
                                        "Sort every map's keys by their text (PyYAML's default); otherwise keys keep"
                                                + " the map's order.")
                                .withDefault("false"),
                        Option.noEffect("allow_unicode", "Sluice always writes UTF-8 characters as they are."),
                        Option.of("indent", "number of spaces, 2 to 9", "How far each nesting level is indented.")
                                .withDefault("2"))
                .build();
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        DatasetArgs save = DatasetArgs.of(spec, "save_args");
        if (save.values().containsKey("default_flow_style") && !save.contains("default_flow_style")) {
            throw save.error(
                    "default_flow_style",
                    "is null (PyYAML's mixed style), which Sluice does not write; use false (block) or true (flow)");
        }
        int indent = indent(save);
        return YamlDataset.at(spec.location("filepath"))
                .withIndent(indent)
                .withFlowStyle(save.bool("default_flow_style", false))
                .withSortedKeys(save.bool("sort_keys", false));
    }

    private static int indent(DatasetArgs save) {
        String text = save.string("indent").orElse("2").trim();
        try {
            int spaces = Integer.parseInt(text);
            if (spaces >= 2 && spaces <= 9) {
                return spaces;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw save.error("indent", "must be a whole number of spaces from 2 to 9, not '" + text + "'");
    }
}
