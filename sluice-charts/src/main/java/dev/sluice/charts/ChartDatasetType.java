package dev.sluice.charts;

import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetArgs;
import dev.sluice.io.DatasetSchema;
import dev.sluice.io.DatasetSchema.Option;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import java.util.Locale;
import java.util.Set;

/**
 * Catalog type {@code chart} (Kedro's {@code matplotlib.MatplotlibWriter} and {@code
 * matplotlib.MatplotlibDataset}): JFreeChart charts stored as PNG or SVG images; see {@link ChartDataset}.
 *
 * <pre>{@code
 * price_histogram:
 *   type: matplotlib.MatplotlibWriter   # or chart
 *   filepath: data/08_reporting/price_histogram.png
 *   save_args:
 *     format: png                       # or svg; by default from the filepath's extension
 *     width: 800                        # pixels at 100 dpi; the default is 640 x 480
 *     height: 600
 *     dpi: 200                          # PNG only: twice the pixels, text scaled alike
 * }</pre>
 */
public final class ChartDatasetType implements DatasetType {
    @Override
    public String name() {
        return "chart";
    }

    @Override
    public Set<String> aliases() {
        return Set.of(
                "MatplotlibWriter",
                "matplotlib.MatplotlibWriter",
                "kedro_datasets.matplotlib.MatplotlibWriter",
                "MatplotlibDataset",
                "matplotlib.MatplotlibDataset",
                "kedro_datasets.matplotlib.MatplotlibDataset");
    }

    @Override
    public DatasetSchema schema() {
        return DatasetSchema.builder("Charts drawn with JFreeChart, stored as PNG (ImageIO) or SVG (JFreeSVG) images;"
                        + " a map or list of charts is stored one file per chart under filepath. Loads give a PNG as"
                        + " a java.awt.image.BufferedImage and an SVG as its text (a map of them for a directory).")
                .holds("org.jfree.chart.JFreeChart, or a Map<String, JFreeChart> or List<JFreeChart> saved")
                .entry(DatasetSchema.FILEPATH, DatasetSchema.FS_ARGS)
                .saveArgs(
                        Option.of(
                                "format",
                                "png or svg",
                                "The image format; by default from the filepath's"
                                        + " extension (.svg gives svg), else png."),
                        Option.of("width", "pixels", "The chart's width at 100 dpi.")
                                .withDefault("640"),
                        Option.of("height", "pixels", "The chart's height at 100 dpi.")
                                .withDefault("480"),
                        Option.of(
                                        "dpi",
                                        "dots per inch",
                                        "Scales a PNG's pixels and text by dpi/100, as matplotlib"
                                                + " does; SVG is scalable and ignores it.")
                                .withDefault("100"),
                        Option.noEffect(
                                "bbox_inches", "charts fill width x height, so there is no margin for it to trim"))
                .build();
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        DatasetArgs saveArgs = DatasetArgs.of(spec, "save_args");
        String filepath = spec.requireString("filepath");
        String format = saveArgs.string("format")
                .orElse(filepath.toLowerCase(Locale.ROOT).endsWith(".svg") ? "svg" : "png")
                .strip()
                .toLowerCase(Locale.ROOT);
        ChartDataset.Format chosen =
                switch (format) {
                    case "png" -> ChartDataset.Format.PNG;
                    case "svg" -> ChartDataset.Format.SVG;
                    default ->
                        throw saveArgs.error("format", "is '" + format + "', which Sluice cannot draw; use png or svg");
                };
        return ChartDataset.of(spec.location("filepath"), chosen)
                .withSize(positive(saveArgs, "width", 640), positive(saveArgs, "height", 480))
                .withDpi(positive(saveArgs, "dpi", 100))
                .named(spec.name());
    }

    private static int positive(DatasetArgs args, String key, int defaultValue) {
        Object value = args.raw(key).orElse(defaultValue);
        if (value instanceof Number n
                && n.doubleValue() == n.intValue()
                && n.intValue() >= 1
                && n.intValue() <= 20_000) {
            return n.intValue();
        }
        throw args.error(key, "must be a whole number from 1 to 20000, not '" + value + "'");
    }
}
