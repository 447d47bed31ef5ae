package dev.sluice.spark;

import dev.sluice.io.Dataset;
import dev.sluice.io.Handoff;
import dev.sluice.io.StoredForm;
import dev.sluice.s3.S3Connection;
import dev.sluice.storage.Location;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * What the {@code spark} and {@code delta} datasets share: a path, a format, the reader's and the writer's
 * options, and the tee's hand-off (persist, then unpersist). Values are Spark DataFrames ({@code
 * Dataset<Row>}); loads are lazy, as Spark's are.
 */
abstract class SparkTable implements Dataset<org.apache.spark.sql.Dataset<Row>> {
    private static final String HEADER = "header";
    private static final String SEP = "sep";
    final String name;
    final String path;
    final String format;
    final Map<String, String> readOptions;
    final String schema;
    final SaveMode mode;
    final List<String> partitionBy;
    final Map<String, String> writeOptions;
    private final SparkHandoff handoff;
    private final S3Connection s3;
    private final Map<String, String> s3aSettings;
    private final Location s3Location;

    SparkTable(Settings settings) {
        this.name = Objects.requireNonNull(settings.name(), "name");
        this.path = Objects.requireNonNull(settings.path(), "path");
        this.format = Objects.requireNonNull(settings.format(), "format");
        this.readOptions = Map.copyOf(settings.readOptions());
        this.schema = settings.schema();
        this.mode = Objects.requireNonNull(settings.mode(), "mode");
        this.partitionBy = List.copyOf(settings.partitionBy());
        this.writeOptions = Map.copyOf(settings.writeOptions());
        this.handoff = new SparkHandoff(settings.storageLevel());
        this.s3 = settings.s3();
        this.s3aSettings = s3 == null ? Map.of() : S3aBuckets.settings(s3);
        this.s3Location = settings.s3Location();
    }

    /**
     * On S3, the entry's path as Sluice's S3 store sees it, so that a run aborts the multipart uploads that
     * writes killed before they committed left under it (see {@link Location#removeLeftovers()}).
     */
    @Override
    public List<Location> locations() {
        return s3Location == null ? List.of() : List.of(s3Location);
    }

    /** The entry's settings, for a copy of it with other read options. */
    Settings settings(Map<String, String> otherReadOptions) {
        return new Settings(
                name,
                path,
                format,
                otherReadOptions,
                schema,
                mode,
                partitionBy,
                writeOptions,
                storageLevel(),
                s3,
                s3Location);
    }

    /**
     * The session's Hadoop configuration with this entry's S3 settings set for its bucket (for {@code s3a://}
     * paths); call before each read, write or listing, since another entry may have set others meanwhile.
     */
    Configuration hadoop(SparkSession spark) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        if (s3 != null) {
            S3aBuckets.apply(hadoop, URI.create(path).getAuthority(), s3aSettings, name);
        }
        return hadoop;
    }

    /** One entry's settings, as the catalog types read them. */
    record Settings(
            String name,
            String path,
            String format,
            Map<String, String> readOptions,
            String schema,
            SaveMode mode,
            List<String> partitionBy,
            Map<String, String> writeOptions,
            StorageLevel storageLevel,
            S3Connection s3,
            Location s3Location) {}

    @Override
    public org.apache.spark.sql.Dataset<Row> load() {
        try {
            SparkSession spark = SluiceSpark.session();
            hadoop(spark);
            DataFrameReader reader = spark.read().format(format).options(readOptions);
            if (schema != null) {
                reader = reader.schema(schema);
            }
            return reader.load(path);
        } catch (Exception e) {
            throw unchecked(e);
        }
    }

    @Override
    public void save(org.apache.spark.sql.Dataset<Row> value) {
        SparkSession spark = value.sparkSession();
        SluiceSpark.asSave(spark, name, () -> {
            try {
                hadoop(spark);
                write(spark, value);
            } catch (Exception e) {
                throw unchecked(e);
            }
        });
    }

    /**
     * {@code e} as an unchecked exception: Spark throws its checked {@code SparkException} from Scala code
     * that declares nothing, and the catalog names the dataset only for unchecked failures.
     */
    static RuntimeException unchecked(Exception e) {
        return e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getMessage(), e);
    }

    /** Writes {@code value}, committing it atomically; called with the save's job labels set. */
    abstract void write(SparkSession spark, org.apache.spark.sql.Dataset<Row> value);

    /** A writer for {@code value} with this entry's format, partitioning and options (no mode, no path). */
    DataFrameWriter<Row> writer(org.apache.spark.sql.Dataset<Row> value) {
        DataFrameWriter<Row> writer = value.write().format(format).options(writeOptions);
        if (!partitionBy.isEmpty()) {
            writer = writer.partitionBy(partitionBy.toArray(String[]::new));
        }
        return writer;
    }

    /**
     * Whether this entry can read what {@code writer}, another transcoding, stores: the same format, a Delta
     * table only through Delta, and for CSV the same header row and separator.
     */
    @Override
    public Optional<String> cannotRead(StoredForm written, String writer) {
        boolean table = written.layout() == StoredForm.Layout.TABLE;
        if (table != format.equals("delta")) {
            return Optional.of(
                    table
                            ? "'" + writer + "' is a " + written.format() + " table, whose directory also keeps files"
                                    + " of older versions; read it with type: delta"
                            : "'" + writer + "' writes " + written.format() + " files, not a Delta table; read them"
                                    + " with type: spark and file_format: " + written.format());
        }
        if (!written.format().equals(format)) {
            return Optional.of("'" + writer + "' writes " + written.format() + " and this entry reads " + format
                    + "; give both entries the same format (file_format here)");
        }
        if (format.equals("json")) {
            return jsonLayout(written, writer);
        }
        if (!format.equals("csv")) {
            return Optional.empty();
        }
        Map<String, String> reading = csvOptions(readOptions);
        if (!reading.get(HEADER).equals(written.option(HEADER, "false"))) {
            return Optional.of(
                    Boolean.parseBoolean(written.option(HEADER, "false"))
                            ? "'" + writer
                                    + "' writes a header row, which Spark reads as data unless told; set load_args"
                                    + " header: true here"
                            : "'" + writer
                                    + "' writes no header row, and this entry reads the first row as column names;"
                                    + " remove load_args header here, or write one with '" + writer + "'");
        }
        if (!reading.get(SEP).equals(written.option(SEP, ","))) {
            return Optional.of("'" + writer + "' separates fields with '" + written.option(SEP, ",")
                    + "' and this entry with '" + reading.get(SEP) + "'; give both entries the same sep");
        }
        return Optional.empty();
    }

    /**
     * Whether Spark's JSON reader, in line mode unless {@code multiLine} is set, fits what {@code writer} writes:
     * an indented document (the JVM's json type with indent) needs {@code multiLine}, JSON Lines must go without.
     */
    private Optional<String> jsonLayout(StoredForm written, String writer) {
        boolean multiLine = readOptions.entrySet().stream()
                .anyMatch(option -> option.getKey().equalsIgnoreCase("multiLine")
                        && Boolean.parseBoolean(option.getValue().trim()));
        if (Boolean.parseBoolean(written.option("multiLine", "false")) && !multiLine) {
            return Optional.of("'" + writer + "' writes an indented JSON document, which Spark reads line by line"
                    + " unless told; set load_args multiLine: true here, or remove indent from '" + writer + "'");
        }
        if (Boolean.parseBoolean(written.option("lines", "false")) && multiLine) {
            return Optional.of("'" + writer + "' writes JSON Lines, and with multiLine Spark reads each file as one"
                    + " JSON document; remove load_args multiLine here");
        }
        return Optional.empty();
    }

    /** Spark's CSV options that decide how the bytes parse ({@code header}, {@code sep}), with Spark's defaults. */
    static Map<String, String> csvOptions(Map<String, String> options) {
        String header = options.getOrDefault(HEADER, "false").trim().toLowerCase(java.util.Locale.ROOT);
        String sep = options.getOrDefault(SEP, options.getOrDefault("delimiter", ","));
        return Map.of(HEADER, header, SEP, sep);
    }

    StorageLevel storageLevel() {
        return handoff.level();
    }

    @Override
    public Handoff<org.apache.spark.sql.Dataset<Row>> handoff() {
        return handoff;
    }

    @Override
    public Class<?> valueType() {
        return org.apache.spark.sql.Dataset.class;
    }

    @Override
    public String storeKey() {
        int colon = path.indexOf("://");
        if (colon < 0 || path.startsWith("file:")) {
            return "file";
        }
        int slash = path.indexOf('/', colon + 3);
        return slash < 0 ? path : path.substring(0, slash);
    }

    /** The type and settings shared by both types; subclasses add theirs. */
    Map<String, Object> describe(String type) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("type", type);
        description.put("filepath", path);
        description.put("file_format", format);
        description.put("mode", mode.name().toLowerCase(java.util.Locale.ROOT));
        if (!partitionBy.isEmpty()) {
            description.put("partitionBy", partitionBy);
        }
        if (!readOptions.isEmpty()) {
            description.put("load_args", readOptions);
        }
        if (!writeOptions.isEmpty()) {
            description.put("save_args", writeOptions);
        }
        description.put("storage_level", handoff.level().description());
        return description;
    }
}
