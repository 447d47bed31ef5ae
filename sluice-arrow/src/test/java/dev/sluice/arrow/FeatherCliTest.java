package dev.sluice.arrow;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sluice.cli.Main;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.project.PipelineRegistry;
import dev.sluice.storage.Storage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.arrow.flatbuf.CompressionType;
import org.dflib.DataFrame;
import org.dflib.Series;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A project whose catalog names Feather files the ways Kedro projects do, run through {@code sluice}. */
class FeatherCliTest {
    @TempDir
    Path project;

    /** The project's pipeline: {@code prices (feather) -> with_tax -> taxed (feather)}. */
    public static final class Registry implements PipelineRegistry {
        public Registry() {}

        @Override
        public Map<String, Pipeline> pipelines() {
            Node withTax = Node.named("with_tax")
                    .inputs("prices")
                    .outputs("taxed")
                    .fn((DataFrame prices) -> {
                        double[] gross = new double[prices.height()];
                        for (int i = 0; i < gross.length; i++) {
                            gross[i] = ((Number) prices.getColumn("net").get(i)).doubleValue() * 1.5;
                        }
                        return prices.cols("gross").merge(Series.ofDouble(gross));
                    });
            return Map.of(PipelineRegistry.DEFAULT, Pipeline.of(withTax));
        }
    }

    private final Logger warningsLogger = (Logger) LoggerFactory.getLogger("dev.sluice.warnings");
    private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();

    /** What the command printed, then the warnings it logged. */
    private String output;

    @BeforeEach
    void captureWarnings() {
        warnings.start();
        warningsLogger.addAppender(warnings);
    }

    @AfterEach
    void releaseWarnings() {
        warningsLogger.detachAppender(warnings);
    }

    private int sluice(String... args) {
        StringWriter out = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(out, true), args);
        StringBuilder all = new StringBuilder(out.toString());
        warnings.list.forEach(event -> all.append(event.getFormattedMessage()).append('\n'));
        output = all.toString();
        return code;
    }

    private void catalog(String yaml) throws IOException {
        Path base = Files.createDirectories(project.resolve("conf/base"));
        Files.createDirectories(project.resolve("conf/local"));
        Files.writeString(base.resolve("catalog.yml"), yaml);
    }

    @Test
    void run_kedroFeatherEntries_readsTheChosenColumnsAndWritesCompressedOutput() throws IOException {
        catalog("""
                prices:
                  type: pandas.FeatherDataset
                  filepath: data/01_raw/prices.feather
                  load_args:
                    columns: [id, net]
                    use_threads: true
                taxed:
                  type: kedro_datasets.pandas.FeatherDataset
                  filepath: data/02_intermediate/taxed.feather
                  save_args:
                    compression: lz4
                    chunksize: 2
                """);
        FeatherDataset.of(Storage.local(project.resolve("data/01_raw/prices.feather")))
                .save(DataFrame.byColumn("id", "net", "note")
                        .of(Series.ofInt(1, 2, 3), Series.ofDouble(10, 20, 30), Series.of("a", "b", "c")));

        int code = sluice("run", "--project", project.toString());

        assertThat(code).as(output).isZero();
        assertThat(output).contains("load_args.use_threads").contains("no effect in Sluice");
        Path taxed = project.resolve("data/02_intermediate/taxed.feather");
        DataFrame loaded = FeatherDataset.of(Storage.local(taxed)).load();
        assertThat(loaded.getColumnsIndex().toArray()).containsExactly("id", "net", "gross");
        assertThat(loaded.getColumn("gross").toList()).containsExactly(15.0, 30.0, 45.0);
        assertThat(FeatherFiles.firstBatchCodec(taxed)).isEqualTo(CompressionType.LZ4_FRAME);
        assertThat(FeatherFiles.recordBatchCount(taxed)).isEqualTo(2);
    }

    @Test
    void catalogCheck_kedro018Spellings_areOkWithTheCurrentNameInTheWarning() throws IOException {
        catalog("""
                prices:
                  type: pandas.FeatherDataSet
                  filepath: data/01_raw/prices.feather
                taxed:
                  type: kedro.extras.datasets.pandas.FeatherDataSet
                  filepath: data/02_intermediate/taxed.feather
                """);

        int code = sluice("catalog", "check", "--project", project.toString());

        assertThat(code).as(output).isZero();
        assertThat(output).contains("pandas.FeatherDataSet").contains("pandas.FeatherDataset");
    }

    @Test
    void catalogCheck_featherVersion1_isAnErrorNamingTheKey() throws IOException {
        catalog("""
                prices:
                  type: pandas.FeatherDataset
                  filepath: data/01_raw/prices.feather
                taxed:
                  type: pandas.FeatherDataset
                  filepath: data/02_intermediate/taxed.feather
                  save_args: {version: 1}
                """);

        int code = sluice("catalog", "check", "--project", project.toString());

        assertThat(code).as(output).isNotZero();
        assertThat(output).contains("taxed").contains("version 2 only").contains("catalog.yml");
    }
}
