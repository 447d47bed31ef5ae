package dev.sluice.parquet;

import com.jerolba.carpet.CarpetReader;
import dev.sluice.DatasetException;
import dev.sluice.storage.Location;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/**
 * The current version of a Delta Lake table, as its {@code _delta_log} says: the newest single-part checkpoint, then
 * the JSON commits after it in version order, their {@code add} and {@code remove} actions replayed to the table's
 * active data files, and the latest {@code metaData} and {@code protocol}.
 *
 * <p>The checkpoint is found by listing the log, which the commits after it need anyway ({@code _last_checkpoint}
 * only saves that listing). What this reader does not implement is refused, never read wrongly: deletion vectors,
 * column mapping, reader features other than {@link #KNOWN_READER_FEATURES}, reader versions above 3, multi-part and
 * v2 checkpoints, and data files outside the table's directory. Immutable.
 */
final class DeltaTable {
    static final String LOG = "_delta_log";

    /**
     * Reader features whose tables read correctly here: deletion vectors and column mapping are checked where they
     * are used (an add with a vector, a mapping mode other than none); the others change nothing for a reader of
     * the current version.
     */
    static final Set<String> KNOWN_READER_FEATURES =
            Set.of("deletionVectors", "columnMapping", "timestampNtz", "vacuumProtocolCheck");

    private static final int MAX_READER_VERSION = 3;
    private static final Pattern COMMIT = Pattern.compile("(\\d{20})\\.json");
    private static final Pattern CHECKPOINT = Pattern.compile("(\\d{20})\\.checkpoint(\\..+)?\\.(parquet|json)");
    private static final Pattern DECIMAL = Pattern.compile("decimal\\(\\d+,\\s*\\d+\\)");
    /** A commit line holds one action; large ones (a schema of many columns) stay far below this. */
    private static final int MAX_CODE_POINTS = 1 << 30;

    /** A column of the table's schema: its name and its Delta type ({@code long}, {@code decimal(10,2)}, a struct). */
    record Column(String name, Object type) {}

    /** A data file of the current version: its path below the table, unescaped, and its partition values. */
    record DataFile(String path, Map<String, String> partitionValues) {}

    // The checkpoint's columns this reader needs; Carpet reads just these, by name.
    record CheckpointRow(AddAction add, RemoveAction remove, MetaDataAction metaData, ProtocolAction protocol) {}

    record AddAction(String path, Map<String, String> partitionValues, DeletionVector deletionVector) {}

    record RemoveAction(String path, DeletionVector deletionVector) {}

    record DeletionVector(String storageType, String pathOrInlineDv, Integer offset) {}

    record MetaDataAction(String schemaString, List<String> partitionColumns, Map<String, String> configuration) {}

    record ProtocolAction(Integer minReaderVersion, List<String> readerFeatures) {}

    private final long version;
    private final List<Column> columns;
    private final List<String> partitionColumns;
    private final List<DataFile> files;

    private DeltaTable(long version, List<Column> columns, List<String> partitionColumns, List<DataFile> files) {
        this.version = version;
        this.columns = List.copyOf(columns);
        this.partitionColumns = List.copyOf(partitionColumns);
        this.files = List.copyOf(files);
    }

    /** The version read. */
    long version() {
        return version;
    }

    /** The table's columns in schema order, partition columns among them, which is the order Spark reads. */
    List<Column> columns() {
        return columns;
    }

    List<String> partitionColumns() {
        return partitionColumns;
    }

    /** The active data files, in the order the log added them. */
    List<DataFile> files() {
        return files;
    }

    /**
     * Reads the current version of the table at {@code table}; {@code refuse} turns a problem (a sentence without a
     * final period, ending with the fix) into the error to throw.
     */
    static DeltaTable read(Location table, Function<String, DatasetException> refuse) throws IOException {
        return new Replay(table, refuse).run();
    }

    /** The value of partition column {@code column}, of Delta type {@code type}, as Delta writes it in the log. */
    static Object partitionValue(String column, Object type, String value, Function<String, DatasetException> refuse) {
        if (value == null || (value.isEmpty() && !"string".equals(type))) {
            return null;
        }
        String name = String.valueOf(type);
        try {
            switch (name) {
                case "string":
                    return value;
                case "long":
                    return Long.valueOf(value);
                case "integer":
                    return Integer.valueOf(value);
                case "short":
                    return Short.valueOf(value);
                case "byte":
                    return Byte.valueOf(value);
                case "double":
                    return Double.valueOf(value);
                case "float":
                    return Float.valueOf(value);
                case "boolean":
                    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                        return Boolean.valueOf(value);
                    }
                    throw new IllegalArgumentException("not a boolean");
                case "date":
                    return LocalDate.parse(value);
                case "timestamp_ntz":
                    return LocalDateTime.parse(value.replace(' ', 'T'));
                case "timestamp":
                    if (value.endsWith("Z")) {
                        return Instant.parse(value);
                    }
                    throw refuse.apply("partition column '" + column + "' is a timestamp written as '" + value
                            + "', without a time zone (Delta writes it in the writer's session time zone), which"
                            + " this reader cannot place in time; read it through a delta entry");
                default:
                    if (DECIMAL.matcher(name).matches()) {
                        return new BigDecimal(value);
                    }
                    throw refuse.apply("partition column '" + column + "' has type " + name + ", which this reader"
                            + " does not read from partition values; read it through a delta entry");
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw refuse.apply("partition column '" + column + "' has value '" + value + "' in the log, which is"
                    + " not a " + name + "; read it through a delta entry");
        }
    }

    /** One replay of the log. */
    private static final class Replay {
        private final Location table;
        private final Location log;
        private final Function<String, DatasetException> refuse;
        /** Active files by path and deletion vector, as the protocol identifies them, in the order they came. */
        private final Map<String, AddAction> active = new LinkedHashMap<>();

        private MetaDataAction metaData;
        private ProtocolAction protocol;

        Replay(Location table, Function<String, DatasetException> refuse) {
            this.table = table;
            this.log = table.resolve(LOG);
            this.refuse = refuse;
        }

        DeltaTable run() throws IOException {
            TreeMap<Long, String> commits = new TreeMap<>();
            TreeMap<Long, List<String>> checkpoints = new TreeMap<>();
            for (String name : log.list()) {
                Matcher commit = COMMIT.matcher(name);
                Matcher checkpoint = CHECKPOINT.matcher(name);
                if (commit.matches()) {
                    commits.put(Long.parseLong(commit.group(1)), name);
                } else if (checkpoint.matches()) {
                    checkpoints
                            .computeIfAbsent(Long.parseLong(checkpoint.group(1)), v -> new ArrayList<>())
                            .add(name);
                }
            }
            if (commits.isEmpty() && checkpoints.isEmpty()) {
                throw refuse.apply("its " + LOG + " has no commits (no table has been written there yet); run the"
                        + " node that writes it first");
            }
            long latest = Math.max(
                    commits.isEmpty() ? -1 : commits.lastKey(), checkpoints.isEmpty() ? -1 : checkpoints.lastKey());
            long start = 0;
            if (!checkpoints.isEmpty()) {
                long version = checkpoints.lastKey();
                readCheckpoint(version, checkpoints.get(version));
                start = version + 1;
            }
            for (long v = start; v <= latest; v++) {
                String name = commits.get(v);
                if (name == null) {
                    throw refuse.apply("its " + LOG + " has no commit " + v + " (it has " + commits.keySet()
                            + (checkpoints.isEmpty() ? ", and no checkpoint" : ", checkpoint " + checkpoints.lastKey())
                            + "), so its current version cannot be rebuilt; read it through a delta entry, or write"
                            + " the table again");
                }
                readCommit(name);
            }
            return snapshot(latest);
        }

        private void readCheckpoint(long version, List<String> names) throws IOException {
            String single = String.format("%020d.checkpoint.parquet", version);
            if (!names.contains(single)) {
                throw refuse.apply("its newest checkpoint (version " + version + ": " + names + ") is "
                        + (names.stream().anyMatch(n -> n.matches("\\d{20}\\.checkpoint\\.\\d{10}\\.\\d{10}\\.parquet"))
                                ? "in several parts"
                                : "a v2 checkpoint")
                        + ", which this reader does not read; read it through a delta entry");
            }
            Location file = log.resolve(single);
            List<CheckpointRow> rows;
            try (InputStream in = file.openRead();
                    ParquetInput input = ParquetInput.copy(in, file.size())) {
                rows = new CarpetReader<>(input.file(), CheckpointRow.class)
                        .withFailOnMissingColumn(false)
                        .toList();
            } catch (RuntimeException e) {
                throw refuse.apply("its checkpoint " + single + " cannot be read (" + e.getMessage() + "); read it"
                        + " through a delta entry");
            }
            // A checkpoint's adds are the active files; its removes are tombstones kept for VACUUM.
            for (CheckpointRow row : rows) {
                apply(row.add(), null, row.metaData(), row.protocol());
            }
        }

        private void readCommit(String name) throws IOException {
            Location file = log.resolve(name);
            String text;
            try (InputStream in = file.openRead()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Load json = new Load(LoadSettings.builder()
                    .setLabel(LOG + "/" + name)
                    .setSchema(new JsonSchema())
                    .setCodePointLimit(MAX_CODE_POINTS)
                    .build());
            String[] lines = text.split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                Object action;
                try {
                    action = json.loadFromString(lines[i]);
                } catch (YamlEngineException e) {
                    throw refuse.apply("line " + (i + 1) + " of " + LOG + "/" + name + " is not JSON ("
                            + e.getMessage().lines().findFirst().orElse("") + "); read it through a delta entry");
                }
                if (action instanceof Map<?, ?> map) {
                    apply(
                            addAction(map.get("add")),
                            removeAction(map.get("remove")),
                            metaDataAction(map.get("metaData")),
                            protocolAction(map.get("protocol")));
                }
            }
        }

        private void apply(AddAction add, RemoveAction remove, MetaDataAction meta, ProtocolAction newProtocol) {
            if (add != null) {
                active.put(key(add.path(), add.deletionVector()), add);
            }
            if (remove != null) {
                active.remove(key(remove.path(), remove.deletionVector()));
            }
            if (meta != null) {
                metaData = meta;
            }
            if (newProtocol != null) {
                protocol = newProtocol;
            }
        }

        private static String key(String path, DeletionVector vector) {
            return vector == null
                    ? path
                    : path + "\n" + vector.storageType() + vector.pathOrInlineDv() + "@" + vector.offset();
        }

        private DeltaTable snapshot(long version) {
            if (metaData == null || protocol == null) {
                throw refuse.apply("its " + LOG + " has no " + (metaData == null ? "metaData" : "protocol")
                        + " action up to version " + version + "; read it through a delta entry");
            }
            int readerVersion = protocol.minReaderVersion() == null ? 1 : protocol.minReaderVersion();
            if (readerVersion > MAX_READER_VERSION) {
                throw refuse.apply("its protocol asks for reader version " + readerVersion + ", and this reader"
                        + " reads up to " + MAX_READER_VERSION + "; read it through a delta entry");
            }
            List<String> features = protocol.readerFeatures() == null ? List.of() : protocol.readerFeatures();
            List<String> unknown = features.stream()
                    .filter(f -> !KNOWN_READER_FEATURES.contains(f))
                    .toList();
            if (!unknown.isEmpty()) {
                throw refuse.apply("it uses Delta reader feature" + (unknown.size() > 1 ? "s " : " ") + unknown
                        + ", which this reader does not implement; read it through a delta entry");
            }
            Map<String, String> configuration = metaData.configuration() == null ? Map.of() : metaData.configuration();
            String mapping = configuration.getOrDefault("delta.columnMapping.mode", "none");
            if (!mapping.equals("none")) {
                throw refuse.apply("it uses column mapping (delta.columnMapping.mode: " + mapping + "), so its files'"
                        + " column names are not the table's; read it through a delta entry");
            }
            List<DataFile> files = new ArrayList<>();
            for (AddAction add : active.values()) {
                if (add.deletionVector() != null) {
                    throw refuse.apply("its file " + add.path() + " has a deletion vector (rows deleted without"
                            + " rewriting the file), which this reader does not apply; read it through a delta entry,"
                            + " or set delta.enableDeletionVectors to false on the table and rewrite it (REORG TABLE"
                            + " ... APPLY (PURGE))");
                }
                files.add(new DataFile(relativePath(add.path()), add.partitionValues()));
            }
            List<String> partitions = metaData.partitionColumns() == null ? List.of() : metaData.partitionColumns();
            return new DeltaTable(version, schema(metaData.schemaString()), partitions, files);
        }

        /** A data file's path below the table: the log keeps it as a relative URI, escaped. */
        private String relativePath(String path) {
            URI uri;
            try {
                uri = new URI(path);
            } catch (URISyntaxException e) {
                throw refuse.apply("its log names data file '" + path + "', which is not a URI; read it through a"
                        + " delta entry");
            }
            if (uri.isAbsolute() || uri.getPath() == null || uri.getPath().startsWith("/")) {
                throw refuse.apply("its log names data file " + path + " by an absolute path (a shallow clone, or"
                        + " files added from elsewhere), which this reader does not follow; read it through a delta"
                        + " entry");
            }
            return uri.getPath();
        }

        private List<Column> schema(String schemaString) {
            Object parsed;
            try {
                parsed = new Load(LoadSettings.builder()
                                .setSchema(new JsonSchema())
                                .setCodePointLimit(MAX_CODE_POINTS)
                                .build())
                        .loadFromString(schemaString == null ? "" : schemaString);
            } catch (YamlEngineException e) {
                parsed = null;
            }
            if (!(parsed instanceof Map<?, ?> struct) || !(struct.get("fields") instanceof List<?> fields)) {
                throw refuse.apply("its metaData has no schema of fields (schemaString: " + schemaString + "); read"
                        + " it through a delta entry");
            }
            List<Column> columns = new ArrayList<>();
            for (Object field : fields) {
                Map<?, ?> map = (Map<?, ?>) field;
                columns.add(new Column(String.valueOf(map.get("name")), map.get("type")));
            }
            return columns;
        }
    }

    private static AddAction addAction(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        return new AddAction(string(map.get("path")), strings(map.get("partitionValues")), vector(map));
    }

    private static RemoveAction removeAction(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        return new RemoveAction(string(map.get("path")), vector(map));
    }

    private static MetaDataAction metaDataAction(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        List<String> partitionColumns = new ArrayList<>();
        if (map.get("partitionColumns") instanceof List<?> list) {
            list.forEach(column -> partitionColumns.add(String.valueOf(column)));
        }
        return new MetaDataAction(string(map.get("schemaString")), partitionColumns, strings(map.get("configuration")));
    }

    private static ProtocolAction protocolAction(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        List<String> features = null;
        if (map.get("readerFeatures") instanceof List<?> list) {
            features = list.stream().map(String::valueOf).toList();
        }
        Object version = map.get("minReaderVersion");
        return new ProtocolAction(version instanceof Number n ? n.intValue() : null, features);
    }

    private static DeletionVector vector(Map<?, ?> action) {
        if (!(action.get("deletionVector") instanceof Map<?, ?> map)) {
            return null;
        }
        Object offset = map.get("offset");
        return new DeletionVector(
                string(map.get("storageType")),
                string(map.get("pathOrInlineDv")),
                offset instanceof Number n ? n.intValue() : null);
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static Map<String, String> strings(Object value) {
        Map<String, String> strings = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> strings.put(String.valueOf(k), v == null ? null : v.toString()));
        }
        return strings;
    }
}
