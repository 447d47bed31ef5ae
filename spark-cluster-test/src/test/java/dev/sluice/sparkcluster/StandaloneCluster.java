package dev.sluice.sparkcluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on this machine, made of separate JVMs started from Spark's Maven jars: a
 * master and a worker (which starts executor JVMs for each application), and {@code spark-submit}. Every
 * process binds 127.0.0.1, logs to a file under the cluster's directory through a quiet Log4j
 * configuration, and is stopped by {@link #close} (also from a shutdown hook, should the test JVM end
 * first), its children included.
 */
final class StandaloneCluster implements AutoCloseable {
    private static final String HOST = "127.0.0.1";

    private final Path dir;
    private final Path sparkHome;
    private final int masterPort;
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private final Thread shutdownHook = new Thread(this::stopAll, "spark-cluster-stop");
    private Process master;
    private Process worker;

    private StandaloneCluster(Path dir, Path sparkHome, int masterPort) {
        this.dir = dir;
        this.sparkHome = sparkHome;
        this.masterPort = masterPort;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a master and one worker with {@code cores} cores in {@code dir}, with a Spark home whose
     * {@code jars/} links to {@code sparkJars}. Returns once the master accepts connections; the worker
     * registers meanwhile (an application waits for it).
     */
    static StandaloneCluster start(Path dir, List<Path> sparkJars, int cores) throws IOException {
        Path sparkHome = sparkHome(dir.resolve("spark-home"), sparkJars);
        StandaloneCluster cluster = new StandaloneCluster(dir, sparkHome, freePort());
        try {
            cluster.master = cluster.startJava(
                    "master",
                    List.of(
                            // No REST submission server: it would take port 6066.
                            "-Dspark.master.rest.enabled=false",
                            "org.apache.spark.deploy.master.Master",
                            "--host",
                            HOST,
                            "--port",
                            String.valueOf(cluster.masterPort),
                            "--webui-port",
                            "0"),
                    dir);
            cluster.awaitMaster(Duration.ofSeconds(90));
            cluster.worker = cluster.startJava(
                    "worker",
                    List.of(
                            "org.apache.spark.deploy.worker.Worker",
                            "--host",
                            HOST,
                            "--webui-port",
                            "0",
                            "--cores",
                            String.valueOf(cores),
                            "--memory",
                            "2g",
                            "--work-dir",
                            Files.createDirectories(dir.resolve("work")).toString(),
                            cluster.masterUrl()),
                    dir);
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    String masterUrl() {
        return "spark://" + HOST + ":" + masterPort;
    }

    /** The worker's process: the parent of every executor JVM. */
    Process worker() {
        return worker;
    }

    /**
     * Runs {@code org.apache.spark.deploy.SparkSubmit ARGS} in {@code workingDir} and waits for it to end,
     * at most {@code timeout}; the process is stopped if it takes longer.
     */
    Submitted submit(List<String> args, Path workingDir, Duration timeout) throws IOException, InterruptedException {
        List<String> main = new ArrayList<>();
        main.add("org.apache.spark.deploy.SparkSubmit");
        main.addAll(args);
        Instant start = Instant.now();
        Process submit = startJava("spark-submit", main, workingDir);
        boolean ended = submit.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Duration took = Duration.between(start, Instant.now());
        if (!ended) {
            stop(submit);
        }
        return new Submitted(submit.pid(), ended ? submit.exitValue() : -1, took);
    }

    /** What one {@link #submit} did. */
    record Submitted(long pid, int exitCode, Duration took) {}

    /** The last lines of every log of the cluster's processes and executors, for a failure's message. */
    String logTails() {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path log : files.filter(p -> p.toString().endsWith(".log") || p.endsWith("stderr"))
                    .filter(p -> !p.startsWith(sparkHome))
                    .sorted()
                    .toList()) {
                List<String> lines = Files.readAllLines(log);
                text.append("\n==> ").append(dir.relativize(log)).append(" <==\n");
                lines.subList(Math.max(0, lines.size() - 40), lines.size())
                        .forEach(line -> text.append(line).append('\n'));
            }
        } catch (IOException e) {
            text.append("(could not read the logs: ").append(e).append(")");
        }
        return text.toString();
    }

    @Override
    public void close() {
        stopAll();
        // JUnit warns about every link to a file outside its temporary directory when it deletes one.
        try (Stream<Path> links = Files.list(sparkHome.resolve("jars"))) {
            for (Path link : links.toList()) {
                Files.delete(link);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove the links in " + sparkHome.resolve("jars"), e);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down, and the hook has run.
        }
    }

    private void stopAll() {
        // The newest first: spark-submit, then the worker (with its executors), then the master.
        List<Process> running = new ArrayList<>(processes);
        Collections.reverse(running);
        running.forEach(StandaloneCluster::stop);
    }

    /** Stops {@code process} and every process it started: politely, then forcibly after 20 seconds. */
    private static void stop(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : concat(process.toHandle(), children)) {
            try {
                handle.onExit().get(20, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                handle.destroyForcibly();
            } catch (InterruptedException e) {
                handle.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static List<ProcessHandle> concat(ProcessHandle first, List<ProcessHandle> rest) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private Process startJava(String name, List<String> mainAndArgs, Path workingDir) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(quietJvmOptions());
        command.add("-Xmx768m");
        command.add("-cp");
        command.add(sparkHome.resolve("conf") + File.pathSeparator + sparkHome.resolve("jars") + "/*");
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        // Without it Spark looks for a source build's directories to decide the executors' class path.
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", HOST);
        env.put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /** JVM options that silence JDK 24+'s warnings about native access and Unsafe, which Spark uses. */
    static List<String> quietJvmOptions() {
        return Runtime.version().feature() >= 24
                ? List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow")
                : List.of();
    }

    private void awaitMaster(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!master.isAlive()) {
                throw new IllegalStateException("The Spark master exited with code " + master.exitValue()
                        + " before it listened on port " + masterPort + ":" + logTails());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, masterPort), 1_000);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for the Spark master", e);
                }
            }
        }
        throw new IllegalStateException(
                "The Spark master did not listen on port " + masterPort + " within " + timeout + ":" + logTails());
    }

    /** A Spark home: {@code jars/} links to the jars, {@code conf/} holds a quiet Log4j configuration. */
    private static Path sparkHome(Path home, List<Path> sparkJars) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (Path jar : sparkJars) {
            Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar.toAbsolutePath());
        }
        Path conf = Files.createDirectories(home.resolve("conf"));
        try (InputStream in = StandaloneCluster.class.getResourceAsStream("log4j2.properties")) {
            if (in == null) {
                throw new IllegalStateException("log4j2.properties is missing beside " + StandaloneCluster.class);
            }
            Files.copy(in, conf.resolve("log4j2.properties"));
        }
        return home;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
