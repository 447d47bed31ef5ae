package dev.sluice.datasets.json;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetArgs;
import dev.sluice.io.DatasetSchema;
import dev.sluice.io.DatasetSchema.Option;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import java.util.Optional;
import java.util.Set;

/**
 * Catalog type {@code json} (also {@code JSONDataset}, {@code json.JSONDataset}): a {@link
 * JsonDataset} at {@code filepath}.
 *
 * <ul>
 *   <li>{@code load_args.type}: the class to load into, such as {@code com.example.Order} or {@code
 *       java.util.List<com.example.Order>}; plain Java values when absent. Classes are looked up
 *       through the thread's context class loader.
 *   <li>{@code save_args.indent}: {@code true} (2 spaces), {@code false}, or a number of spaces.
 * </ul>
 */
public final class JsonDatasetType implements DatasetType {
    private static final TypeFactory TYPES = JsonMapper.builder().build().getTypeFactory();

    @Override
    public String name() {
        return "json";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("JSONDataset", "json.JSONDataset", "kedro_datasets.json.JSONDataset");
    }

    @Override
    public DatasetSchema schema() {
        return DatasetSchema.builder("A JSON document (Jackson), loaded as plain Java values or into a class.")
                .holds("Map, List, String, Number, Boolean, or the class named by load_args.type")
                .entry(DatasetSchema.FILEPATH, DatasetSchema.FS_ARGS)
                .loadArgs(Option.of(
                        "type",
                        "class name, may be generic",
                        "The class to load into, such as com.example.Order or java.util.List<com.example.Order>;"
                                + " plain Java values when absent."))
                .saveArgs(Option.of("indent", "true, false or a number of spaces", "Pretty-print the document.")
                        .withDefault("false"))
                .build();
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        DatasetArgs loadArgs = DatasetArgs.of(spec, "load_args");
        DatasetArgs saveArgs = DatasetArgs.of(spec, "save_args");
        JavaType type = loadArgs.string("type")
                .map(name -> resolve(loadArgs, name.trim()))
                .orElseGet(() -> TYPES.constructType(Object.class));
        return JsonDataset.at(spec.location("filepath"), type).withIndent(indent(saveArgs));
    }

    private static JavaType resolve(DatasetArgs loadArgs, String name) {
        ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .orElse(JsonDatasetType.class.getClassLoader());
        try {
            return TYPES.withClassLoader(loader).constructFromCanonical(name);
        } catch (IllegalArgumentException e) {
            throw loadArgs.error(
                    "type",
                    "names '" + name + "', which is not a class on the classpath (" + e.getMessage()
                            + "); give the fully qualified name, such as com.example.Order, and check that"
                            + " its jar is a dependency of the project");
        }
    }

    private static int indent(DatasetArgs saveArgs) {
        Object value = saveArgs.raw("indent").orElse(false);
        if (value instanceof Boolean b) {
            return b ? 2 : 0;
        }
        if (value instanceof Number n && n.doubleValue() == n.intValue() && n.intValue() >= 0) {
            return n.intValue();
        }
        String text = value.toString().trim();
        if (text.equals("true") || text.equals("false")) {
            return saveArgs.bool("indent", false) ? 2 : 0;
        }
        try {
            int spaces = Integer.parseInt(text);
            if (spaces >= 0) {
                return spaces;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw saveArgs.error("indent", "must be true, false or a number of spaces, not '" + value + "'");
    }
}
