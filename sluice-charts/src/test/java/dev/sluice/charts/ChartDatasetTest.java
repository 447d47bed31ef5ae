package dev.sluice.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ConfigurationException;
import dev.sluice.DatasetException;
import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetTypes;
import java.awt.image.BufferedImage;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.data.category.DefaultCategoryDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class ChartDatasetTest {
    @TempDir
    Path project;

    @Test
    @SuppressWarnings("unchecked")
    void png_savedAtTheGivenSizeAndDpi_readsBackAsAnImageOfThoseDimensions() throws Exception {
        Dataset<Object> dataset = (Dataset<Object>) create(Map.of(
                "filepath",
                "data/08_reporting/capacity.png",
                "save_args",
                Map.of("width", 320, "height", 200, "dpi", 200)));

        dataset.save(barChart("Capacity"));

        BufferedImage fromFile =
                ImageIO.read(project.resolve("data/08_reporting/capacity.png").toFile());
        assertThat(fromFile.getWidth()).isEqualTo(640);
        assertThat(fromFile.getHeight()).isEqualTo(400);
        BufferedImage loaded = (BufferedImage) dataset.load();
        assertThat(loaded.getWidth()).isEqualTo(640);
        assertThat(colours(loaded)).as("a drawn chart, not a blank image").isGreaterThan(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void svg_fromTheExtension_isAnSvgDocumentWithTheTitleAndIdenticalForIdenticalCharts() throws Exception {
        Dataset<Object> dataset = (Dataset<Object>) create(Map.of("filepath", "plots/capacity.svg"));

        dataset.save(barChart("Shuttle capacity"));
        String first = Files.readString(project.resolve("plots/capacity.svg"));
        dataset.save(barChart("Shuttle capacity"));

        Document svg = parse((String) dataset.load());
        assertThat(svg.getDocumentElement().getNodeName()).isEqualTo("svg");
        assertThat(Double.parseDouble(svg.getDocumentElement().getAttribute("width")))
                .isEqualTo(640.0);
        assertThat(svg.getDocumentElement().getTextContent()).contains("Shuttle capacity");
        assertThat(Files.readString(project.resolve("plots/capacity.svg"))).isEqualTo(first);
    }

    @Test
    @SuppressWarnings("unchecked")
    void mapOfCharts_isOneFilePerChartUnderTheFilepathAndLoadsAsAMap() {
        Dataset<Object> dataset = (Dataset<Object>) create(Map.of("filepath", "data/08_reporting/plots"));

        dataset.save(Map.of("price", barChart("Price"), "volume", barChart("Volume")));

        assertThat(project.resolve("data/08_reporting/plots/price.png")).isRegularFile();
        assertThat(project.resolve("data/08_reporting/plots/volume.png")).isRegularFile();
        Map<String, Object> loaded = (Map<String, Object>) dataset.load();
        assertThat(loaded).containsOnlyKeys("price", "volume");
        assertThat(((BufferedImage) loaded.get("price")).getHeight()).isEqualTo(480);
        assertThat(dataset.exists()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void listOfCharts_isNumberedFiles() {
        Dataset<Object> dataset =
                (Dataset<Object>) create(Map.of("filepath", "plots", "save_args", Map.of("format", "svg")));

        dataset.save(List.of(barChart("a"), barChart("b")));

        assertThat(project.resolve("plots/0.svg")).isRegularFile();
        assertThat(project.resolve("plots/1.svg")).isRegularFile();
    }

    @Test
    @SuppressWarnings("unchecked")
    void save_somethingElse_namesTheDatasetAndWhatToReturn() {
        Dataset<Object> dataset = (Dataset<Object>) create(Map.of("filepath", "plots/x.png"));

        assertThatThrownBy(() -> dataset.save("not a chart"))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("Dataset 'capacity_plot': Cannot save a java.lang.String as a chart")
                .hasMessageContaining("JFreeChart");
        assertThatThrownBy(() -> dataset.save(Map.of("a/b", barChart("x"))))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("chart 'a/b'");
        assertThatThrownBy(dataset::load).isInstanceOf(DatasetException.class).hasMessageContaining("No chart at");
        assertThat(dataset.exists()).isFalse();
    }

    @Test
    void create_unknownFormatOrBadSize_isAnErrorAtTheEntry() {
        assertThatThrownBy(() -> create(Map.of("filepath", "x.pdf", "save_args", Map.of("format", "pdf"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("conf/base/catalog.yml")
                .hasMessageContaining("'pdf', which Sluice cannot draw");
        assertThatThrownBy(() -> create(Map.of("filepath", "x.png", "save_args", Map.of("width", -3))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("save_args.width");
    }

    @Test
    void kedroSpellings_nameTheChartType() {
        DatasetTypes types = DatasetTypes.discover();
        for (String spelling : List.of(
                "matplotlib.MatplotlibWriter",
                "kedro_datasets.matplotlib.MatplotlibWriter",
                "matplotlib.MatplotlibDataset",
                "kedro.extras.datasets.matplotlib.MatplotlibWriter")) {
            assertThat(types.find(spelling))
                    .as(spelling)
                    .get()
                    .extracting(t -> t.name())
                    .isEqualTo("chart");
        }
    }

    private Dataset<?> create(Map<String, Object> config) {
        DatasetSpec spec = DatasetSpec.builder("capacity_plot", "matplotlib.MatplotlibWriter")
                .config(config)
                .source("conf/base/catalog.yml:12")
                .projectDir(project)
                .build();
        return DatasetTypes.of(new ChartDatasetType()).create(spec);
    }

    private static JFreeChart barChart(String title) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        data.addValue(4, "capacity", "Falcon");
        data.addValue(7, "capacity", "Dragon");
        return ChartFactory.createBarChart(title, "shuttle", "passengers", data);
    }

    private static long colours(BufferedImage image) {
        return java.util.stream.IntStream.range(0, image.getWidth() * image.getHeight())
                .map(i -> image.getRGB(i % image.getWidth(), i / image.getWidth()))
                .distinct()
                .count();
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // JFreeSVG writes the SVG 1.1 DOCTYPE; parse without fetching its DTD.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }
}
