package dev.sluice.spark;

import dev.sluice.ConfigurationException;
import dev.sluice.spark.internal.S3aCommitProtocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's {@link SparkSession}: built on first use from the project's {@code spark.yml} (master
 * {@code local[*]} unless it says otherwise), shared by every node and dataset of the run, and stopped
 * by {@link SparkHook} when the run ends. Nodes that need Spark call {@link #session()}. Under
 * {@code spark-submit}, the settings it was given ({@code --master}, {@code --conf}, ...) win over
 * spark.yml's, so a project whose spark.yml says {@code local[*]} runs on the cluster it is submitted to.
 *
 * <p>Jobs are labelled for the Spark UI: the job group is the run's id, the description names the node
 * or the dataset being saved. Background writes run in their own scheduler pool ({@value #SAVE_POOL}),
 * so under the FAIR scheduler (the default here) they share executors with the consumers' jobs instead
 * of queueing behind them. Thread-safe.
 */
public final class SluiceSpark {
    /** The scheduler pool of background writes. */
    public static final String SAVE_POOL = "sluice-saves";

    private static final Logger LOG = LoggerFactory.getLogger(SluiceSpark.class);
    private static final String POOL_PROPERTY = "spark.scheduler.pool";
    private static final String SCHEDULER_MODE = "spark.scheduler.mode";
    private static final String ALLOCATION_FILE = "spark.scheduler.allocation.file";
    // What the FAIR scheduler reads from the class path when no allocation file is set.
    private static final String DEFAULT_ALLOCATION_RESOURCE = "fairscheduler.xml";
    // SparkContext's names for the job group and description properties (private to Spark).
    private static final String GROUP_PROPERTY = "spark.jobGroup.id";
    private static final String DESCRIPTION_PROPERTY = "spark.job.description";
    private static final String DEFAULT_MASTER = "local[*]";
    static final String CACHE_COMPRESSED = "spark.sql.inMemoryColumnarStorage.compressed";
    // The Sluice CLI's entry point: spark-submit names the application after it when --name is missing.
    private static final String CLI_MAIN_CLASS = "dev.sluice.cli.Main";

    private static final Object LOCK = new Object();
    private static Map<String, String> settings = Map.of();
    private static String source = "spark.yml";
    private static SparkSession session;
    private static boolean owned;
    private static volatile String runId = "sluice";
    private static final ThreadLocal<String> CURRENT_NODE = new ThreadLocal<>();

    private SluiceSpark() {}

    /**
     * The run's session, created on the first call from the settings {@link #configure} received (or
     * Spark's defaults with master {@code local[*]}). Labels the calling thread's jobs with the run and
     * the node it runs.
     */
    public static SparkSession session() {
        SparkSession current;
        synchronized (LOCK) {
            if (session == null || isStopped(session)) {
                session = build(settings, source);
                owned = true;
            }
            current = session;
        }
        String node = CURRENT_NODE.get();
        label(current.sparkContext(), node != null ? "node " + node : null, null);
        return current;
    }

    /**
     * Uses {@code existing} as the run's session instead of building one (a notebook's, a test's). Sluice
     * does not stop a session it was given.
     */
    public static void use(SparkSession existing) {
        Objects.requireNonNull(existing, "existing");
        synchronized (LOCK) {
            session = existing;
            owned = false;
        }
    }

    /**
     * The settings the next session is built from: {@code spark.yml}'s keys ({@code spark.master},
     * {@code spark.app.name}, any {@code spark.*} setting; nested mappings are joined with dots).
     *
     * @param from where the settings were read, for error messages
     */
    public static void configure(Map<String, Object> sparkYml, String from) {
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", sparkYml, flat);
        synchronized (LOCK) {
            settings = Map.copyOf(flat);
            source = Objects.requireNonNull(from, "from");
        }
    }

    /**
     * Ends the run's use of Spark: unregisters the caches of the DataFrames the run released, then stops the
     * session if Sluice built it; a session given to {@link #use} stays up.
     */
    public static void stop() {
        releaseDeferred();
        SparkSession toStop = null;
        synchronized (LOCK) {
            if (session != null && owned) {
                toStop = session;
            }
            session = null;
            owned = false;
        }
        if (toStop != null) {
            LOG.info("Stopping the Spark session of run {}", runId);
            toStop.stop();
        }
    }

    /** Whether a session is up (built or given); it is not built by asking. */
    public static boolean isActive() {
        synchronized (LOCK) {
            return session != null && !isStopped(session);
        }
    }

    private static final java.util.List<org.apache.spark.sql.Dataset<?>> RELEASED = new java.util.ArrayList<>();

    /** Remembers a DataFrame whose cached blocks were freed, to unregister its cache when the run ends. */
    static void unpersistAtRunEnd(org.apache.spark.sql.Dataset<?> frame) {
        synchronized (LOCK) {
            RELEASED.add(frame);
        }
    }

    /**
     * Unregisters the caches of the DataFrames the run released; called when the run ended, when no job of
     * the run uses them any more. A session Sluice built is stopped anyway; a given one keeps running.
     */
    static void releaseDeferred() {
        List<org.apache.spark.sql.Dataset<?>> frames;
        synchronized (LOCK) {
            frames = new ArrayList<>(RELEASED);
            RELEASED.clear();
        }
        for (org.apache.spark.sql.Dataset<?> frame : frames) {
            try {
                frame.unpersist(false);
            } catch (RuntimeException e) {
                LOG.debug("Could not unpersist a released DataFrame", e);
            }
        }
    }

    static void runStarted(String id) {
        runId = Objects.requireNonNull(id, "id");
    }

    static String runId() {
        return runId;
    }

    /** Remembers which node the calling thread runs, and labels its jobs if a session is up. */
    static void nodeStarted(String node) {
        CURRENT_NODE.set(node);
        SparkSession current;
        synchronized (LOCK) {
            current = session;
        }
        if (current != null && !isStopped(current)) {
            label(current.sparkContext(), "node " + node, null);
        }
    }

    /**
     * Runs {@code write} with the calling thread's jobs labelled as the save of {@code dataset}, in the
     * {@value #SAVE_POOL} pool, and restores the thread's labels afterwards (a sync save runs on the
     * node's thread). The jobs also carry a tag of their own, by which {@link S3aCommitProtocol} finds the
     * save's tasks when it aborts.
     */
    static void asSave(SparkSession spark, String dataset, Runnable write) {
        SparkContext context = spark.sparkContext();
        String group = context.getLocalProperty(GROUP_PROPERTY);
        String description = context.getLocalProperty(DESCRIPTION_PROPERTY);
        String pool = context.getLocalProperty(POOL_PROPERTY);
        label(context, "save " + dataset, SAVE_POOL);
        String tag = S3aCommitProtocol.SAVE_TAG_PREFIX + UUID.randomUUID();
        context.addJobTag(tag);
        try {
            write.run();
        } finally {
            context.removeJobTag(tag);
            context.setLocalProperty(GROUP_PROPERTY, group);
            context.setLocalProperty(DESCRIPTION_PROPERTY, description);
            context.setLocalProperty(POOL_PROPERTY, pool);
        }
    }

    private static void label(SparkContext context, String description, String pool) {
        context.setJobGroup(runId, description, false);
        context.setLocalProperty(POOL_PROPERTY, pool);
    }

    private static boolean isStopped(SparkSession spark) {
        return spark.sparkContext().isStopped();
    }

    private static SparkSession build(Map<String, String> conf, String from) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("spark.master", DEFAULT_MASTER);
        options.put("spark.app.name", "sluice");
        // Concurrent jobs share the executors (FIFO would run a consumer's job after the write it follows).
        options.put(SCHEDULER_MODE, "FAIR");
        // The tee's caches live only until their consumers and writes end: compressing them cost more CPU
        // than it saved (benchmarks/run spark: a third of the compute-only run's CPU time).
        options.put(CACHE_COMPRESSED, "false");
        // Delta tables through their SQL extension and catalog, unless spark.yml chooses others.
        options.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
        options.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        options.putAll(conf);
        Map<String, String> submitted = submittedSettings(System.getProperties());
        List<String> replaced = new ArrayList<>();
        for (Map.Entry<String, String> setting : submitted.entrySet()) {
            String own = conf.get(setting.getKey());
            if (own != null && !own.equals(setting.getValue())) {
                replaced.add(setting.getKey() + "=" + setting.getValue() + " (spark.yml: " + own + ")");
            }
            // SparkConf reads these itself; the builder's own settings would win over them.
            options.remove(setting.getKey());
        }
        if (!replaced.isEmpty()) {
            LOG.info("spark-submit's settings replace spark.yml's: {}", String.join(", ", replaced));
        }
        String mode = submitted.getOrDefault(SCHEDULER_MODE, options.get(SCHEDULER_MODE));
        if ("FAIR".equalsIgnoreCase(mode)
                && !options.containsKey(ALLOCATION_FILE)
                && !submitted.containsKey(ALLOCATION_FILE)
                && SluiceSpark.class.getClassLoader().getResource(DEFAULT_ALLOCATION_RESOURCE) == null) {
            options.put(ALLOCATION_FILE, savePoolFile());
        }
        SparkSession.Builder builder = SparkSession.builder();
        options.forEach(builder::config);
        try {
            SparkSession built = builder.getOrCreate();
            LOG.info(
                    "Spark session '{}' on {} (Spark {})",
                    built.sparkContext().appName(),
                    built.sparkContext().master(),
                    built.version());
            return built;
        } catch (RuntimeException e) {
            throw new ConfigurationException(
                    "Cannot start the Spark session from " + from + ": " + e.getMessage()
                            + "; check spark.master and the other spark.* settings there",
                    e);
        }
    }

    /**
     * A FAIR scheduler allocation file, written for this JVM, that declares the {@value #SAVE_POOL} pool with the
     * settings Spark would give an undeclared pool (FIFO inside, weight 1, no minimum share), so that the first
     * background write does not log a warning about it. Used only when neither spark.yml nor spark-submit names
     * an allocation file and the class path has no {@code fairscheduler.xml}: a team's own pools stay theirs.
     *
     * @return the file's {@code file:} URI, as Spark opens it through Hadoop's file systems
     */
    private static String savePoolFile() {
        try {
            Path file = Files.createTempFile("sluice-spark-pools-", ".xml");
            file.toFile().deleteOnExit();
            Files.writeString(file, """
                    <?xml version="1.0"?>
                    <allocations>
                      <pool name="%s">
                        <schedulingMode>FIFO</schedulingMode>
                        <weight>1</weight>
                        <minShare>0</minShare>
                      </pool>
                    </allocations>
                    """.formatted(SAVE_POOL));
            return file.toUri().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot write the Spark scheduler's pool file to the temporary directory", e);
        }
    }

    /**
     * The Spark settings given as system properties, which is how {@code spark-submit} hands its
     * {@code --master}, {@code --conf} and other options to the application; they win over spark.yml's. The
     * application name {@code spark-submit} makes up from the main class when {@code --name} is missing does
     * not count, so spark.yml's name stays.
     */
    static Map<String, String> submittedSettings(Properties system) {
        Map<String, String> settings = new TreeMap<>();
        for (String key : system.stringPropertyNames()) {
            if (key.startsWith("spark.")) {
                settings.put(key, system.getProperty(key));
            }
        }
        if (CLI_MAIN_CLASS.equals(settings.get("spark.app.name"))) {
            settings.remove("spark.app.name");
        }
        return settings;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> into) {
        map.forEach((key, value) -> {
            String name = prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key;
            if (value instanceof Map<?, ?> nested) {
                flatten(name, nested, into);
            } else if (value != null) {
                into.put(name, String.valueOf(value));
            }
        });
    }
}
