package dev.sluice.sql;

import dev.sluice.DatasetException;
import dev.sluice.io.Dataset;
import dev.sluice.storage.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.dflib.DataFrame;

/**
 * A DuckDB query over CSV, Parquet or JSON files, as a read-only dataset: each file (or directory of
 * files) becomes a view, then the query runs in an in-process DuckDB database and its result loads
 * as a DFLib {@link DataFrame} or as rows.
 *
 * <p>Files are read through Sluice's {@link Location}s, so {@code s3://} paths use the catalog's S3
 * settings and credentials, with no DuckDB extension: a local file is read in place, a remote one is
 * streamed into a temporary file first (deleted after the load). Each load opens a fresh in-memory
 * database. Needs {@code org.duckdb:duckdb_jdbc} on the class path. Immutable and thread-safe.
 *
 * @param <T> {@code DataFrame} or {@code List<Map<String, Object>>}
 */
public final class DuckDbDataset<T> implements Dataset<T> {
    private static final Database IN_MEMORY = Database.of("jdbc:duckdb:");

    private final String datasetName;
    private final List<DuckDbFile> files;
    private final String query;
    private final boolean rows;
    private final Object params;

    private DuckDbDataset(String datasetName, List<DuckDbFile> files, String query, boolean rows, Object params) {
        this.datasetName = datasetName;
        this.files = List.copyOf(files);
        this.query = Objects.requireNonNull(query, "query");
        this.rows = rows;
        this.params = params;
    }

    /** The result of {@code query}, loaded as a DataFrame; add the files it reads with {@link #withFile}. */
    public static DuckDbDataset<DataFrame> query(String query) {
        return new DuckDbDataset<>(null, List.of(), query, false, null);
    }

    /**
     * This query with {@code location} readable as view {@code view}; {@code format} is parquet, csv or
     * json, and {@code options} are the DuckDB reader's named parameters ({@code delim: ";"}).
     */
    public DuckDbDataset<T> withFile(String view, Location location, String format, Map<String, Object> options) {
        List<DuckDbFile> more = new ArrayList<>(files);
        more.add(new DuckDbFile(view, location, format, options));
        return new DuckDbDataset<>(datasetName, more, query, rows, params);
    }

    /** This query, loading unmodifiable maps from column name to value instead of a DataFrame. */
    public DuckDbDataset<List<Map<String, Object>>> asRows() {
        return new DuckDbDataset<>(datasetName, files, query, true, params);
    }

    /** This query with parameters, as {@link SqlQueryDataset#withParams}. */
    public DuckDbDataset<T> withParams(Object parameters) {
        return new DuckDbDataset<>(datasetName, files, query, rows, parameters);
    }

    DuckDbDataset<T> named(String name) {
        return new DuckDbDataset<>(name, files, query, rows, params);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T load() {
        QueryParameters bound;
        try {
            bound = QueryParameters.bind(query, params);
        } catch (IllegalArgumentException e) {
            throw SqlErrors.failure(datasetName, "Cannot run the DuckDB query: " + e.getMessage() + ".", e);
        }
        Path scratch = null;
        try (Connection connection = IN_MEMORY.connect()) {
            scratch = Files.createTempDirectory("sluice-duckdb-");
            for (DuckDbFile file : files) {
                createView(connection, file, scratch);
            }
            try (PreparedStatement statement = connection.prepareStatement(bound.sql())) {
                for (int i = 0; i < bound.values().size(); i++) {
                    statement.setObject(i + 1, SqlTypes.bindable(bound.values().get(i)));
                }
                try (ResultSet result = statement.executeQuery()) {
                    return (T) (rows ? Results.rows(result) : Results.frame(result));
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.of(
                    datasetName,
                    IN_MEMORY,
                    "run the DuckDB query over " + views(),
                    e,
                    "Fix the query, or the files' format and options.");
        } catch (IOException | UncheckedIOException e) {
            throw SqlErrors.failure(
                    datasetName,
                    "Cannot read the files of the DuckDB query (" + views() + "): " + e
                            + ". Check that they exist (run the nodes that produce them first) and that the store"
                            + " is reachable.",
                    e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    private void createView(Connection connection, DuckDbFile file, Path scratch) throws IOException, SQLException {
        List<Location> parts = parts(file);
        String format = file.format();
        if (format.equals(DuckDbFile.FROM_FILES)) {
            Set<String> formats = new TreeSet<>();
            parts.forEach(part -> DuckDbFile.formatOf(part.uri().getPath()).ifPresent(formats::add));
            if (formats.size() != 1) {
                throw new IOException(
                        (formats.isEmpty() ? "no CSV, Parquet or JSON files" : "files of several formats " + formats)
                                + " in " + file.location().uri() + "; give the file's format");
            }
            format = formats.iterator().next();
        }
        List<String> paths = new ArrayList<>();
        for (Location part : parts) {
            paths.add(localPath(part, scratch).toString());
        }
        if (paths.isEmpty()) {
            throw new IOException(
                    "no " + format + " files in " + file.location().uri());
        }
        StringBuilder sql = new StringBuilder("CREATE VIEW ")
                .append(SqlTable.quote(file.view()))
                .append(" AS SELECT * FROM ")
                .append(DuckDbFile.reader(format))
                .append("([");
        sql.append(String.join(", ", paths.stream().map(DuckDbDataset::literal).toList()))
                .append(']');
        file.options()
                .forEach((name, value) ->
                        sql.append(", ").append(name).append(" = ").append(literalOf(value)));
        sql.append(')');
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql.toString());
        }
    }

    /** The file itself, or the files of its format directly inside it when it is a directory. */
    private static List<Location> parts(DuckDbFile file) throws IOException {
        Location location = file.location();
        List<String> children = location.list();
        if (children.isEmpty()) {
            return List.of(location);
        }
        List<Location> parts = new ArrayList<>();
        for (String child : children) {
            if (DuckDbFile.formatOf(child)
                    .filter(format -> file.format().equals(DuckDbFile.FROM_FILES)
                            || file.format().equals(format))
                    .isPresent()) {
                parts.add(location.resolve(child));
            }
        }
        return parts;
    }

    /** A local file to hand DuckDB: the file itself, or a copy of a remote one streamed into {@code scratch}. */
    private static Path localPath(Location location, Path scratch) throws IOException {
        URI uri = location.uri();
        if ("file".equals(uri.getScheme())) {
            return Path.of(uri);
        }
        String name = uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1);
        Path copy = Files.createTempDirectory(scratch, "part").resolve(name.isEmpty() ? "data" : name);
        try (InputStream in = location.openRead()) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String literalOf(Object value) {
        if (value instanceof Boolean || value instanceof Number) {
            return value.toString();
        }
        if (value instanceof List<?> list) {
            return "["
                    + String.join(
                            ", ", list.stream().map(DuckDbDataset::literalOf).toList()) + "]";
        }
        return literal(String.valueOf(value));
    }

    private String views() {
        List<String> named = new ArrayList<>();
        files.forEach(file -> named.add(file.view() + " = " + file.location().uri()));
        return named.isEmpty() ? "no files" : String.join(", ", named);
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless; the system's temp cleaning removes it.
        }
    }

    /** Always refused: a query's result is not a place to write. */
    @Override
    public void save(T value) {
        throw new DatasetException(
                datasetName,
                (datasetName == null ? "" : "Dataset '" + datasetName + "': ")
                        + "A duckdb dataset is a read-only query; save the data to a csv, parquet or sql.table entry"
                        + " instead, or remove this dataset from the node's outputs.",
                null);
    }

    /** Whether every file the query reads exists. */
    @Override
    public boolean exists() {
        try {
            for (DuckDbFile file : files) {
                if (!file.location().exists()) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String storeKey() {
        return "duckdb";
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("type", "duckdb");
        description.put("query", query);
        Map<String, Object> views = new LinkedHashMap<>();
        files.forEach(file -> views.put(file.view(), file.location().uri() + " (" + file.format() + ")"));
        description.put("files", views);
        description.put("loads", rows ? "rows" : "DataFrame");
        return description;
    }

    @Override
    public String toString() {
        return "DuckDbDataset(" + query + ")";
    }
}
