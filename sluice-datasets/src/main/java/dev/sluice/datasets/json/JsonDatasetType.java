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
 *   <li>{@code lines} under {@code load_args} or {@code save_args} (pandas' {@code lines=True}): JSON Lines, one
 *       value per line, loaded as a list; either place sets it for both. {@code orient: records}, which pandas
 *       needs with it, is accepted; other orients are refused.
 * </ul>
 */
public final class JsonDatasetType implements DatasetType {
    private static final TypeFactory TYPES = JsonMapper.builder().build().getTypeFactory();
    private static final String LINES = "lines";
    private static final String ORIENT = "orient";

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
                .loadArgs(
                        Option.of(
                                        LINES,
                                        "true or false",
                                        "JSON Lines: one value per line, loaded as a list (of the element type of a"
                                                + " List type); as pandas' lines=True. Set here or under save_args,"
                                                + " it holds for loads and saves. A directory of part files (as"
                                                + " Spark writes JSON) is read as JSON Lines either way.")
                                .withDefault("false"),
                        Option.of(ORIENT, "records", "Accepted for pandas' spelling; values load as they are."))
                .saveArgs(
                        Option.of("indent", "true, false or a number of spaces", "Pretty-print the document.")
                                .withDefault("false"),
                        Option.of(
                                        LINES,
                                        "true or false",
                                        "JSON Lines: each element of the list saved on its own line, compact.")
                                .withDefault("false"),
                        Option.of(ORIENT, "records", "Accepted for pandas' spelling; values save as they are."))
                .build();
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        DatasetArgs loadArgs = DatasetArgs.of(spec, "load_args");
        DatasetArgs saveArgs = DatasetArgs.of(spec, "save_args");
        JavaType type = loadArgs.string("type")
                .map(name -> resolve(loadArgs, name.trim()))
                .orElseGet(() -> TYPES.constructType(Object.class));
        boolean lines = lines(loadArgs, saveArgs);
        int indent = indent(saveArgs);
        orient(loadArgs);
        orient(saveArgs);
        if (lines && indent > 0) {
            throw saveArgs.error("indent", "cannot apply to JSON Lines, which hold one value per line; remove it");
        }
        JsonDataset<Object> dataset = JsonDataset.at(spec.location("filepath"), type);
        if (lines && !(type.getRawClass() == Object.class || type.isCollectionLikeType())) {
            throw loadArgs.error(
                    "type",
                    "names " + type.toCanonical() + ", and JSON Lines load as a list; write java.util.List<"
                            + type.toCanonical() + ">");
        }
        return dataset.withIndent(indent).withLines(lines);
    }

    /** {@code lines} as set under load_args, save_args or both; both must agree when both say. */
    private static boolean lines(DatasetArgs loadArgs, DatasetArgs saveArgs) {
        boolean load = loadArgs.bool(LINES, false);
        boolean save = saveArgs.bool(LINES, false);
        if (loadArgs.contains(LINES) && saveArgs.contains(LINES) && load != save) {
            throw saveArgs.error(
                    LINES,
                    "is " + save + " and load_args lines is " + load + "; an entry reads what it writes, so give both"
                            + " the same value (or set it in one place)");
        }
        return load || save;
    }

    /** Accepts pandas' {@code orient: records}, which is how lists of maps are written anyway. */
    private static void orient(DatasetArgs args) {
        args.string(ORIENT).ifPresent(orient -> {
            if (!orient.trim().equals("records")) {
                throw args.error(
                        ORIENT,
                        "is '" + orient + "'; the json type stores values as they are (a list of maps is pandas'"
                                + " records orient), so only records is accepted; remove orient, or set it to"
                                + " records");
            }
        });
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
