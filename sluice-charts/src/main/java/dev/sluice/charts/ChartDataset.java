package dev.sluice.charts;

import dev.sluice.DatasetException;
import dev.sluice.io.Dataset;
import dev.sluice.storage.Location;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * Charts drawn with JFreeChart and stored as images: Sluice's answer to Kedro's {@code
 * matplotlib.MatplotlibWriter}. A save takes a {@link JFreeChart}, a {@code Map<String, JFreeChart>}
 * (each chart in its own file {@code <filepath>/<name>.<format>}, as Kedro writes a dict of figures) or
 * a {@code List<JFreeChart>} (files {@code 0.<format>}, {@code 1.<format>}, ...). Images are PNG (through
 * ImageIO) or SVG (JFreeSVG), {@code width} by {@code height} at 100 dpi like matplotlib's default; a
 * higher {@code dpi} scales the PNG's pixels and its text alike, as matplotlib does.
 *
 * <p>A load gives what was saved, as images: a PNG as a {@link BufferedImage}, an SVG as its text; a
 * directory of charts as a map from file name (without extension) to image, sorted by name. Rendering
 * is headless: {@code java.awt.headless} is set to true when it is unset. Immutable and thread-safe.
 */
public final class ChartDataset implements Dataset<Object> {
    /** The image formats a chart can be stored in. */
    public enum Format {
        PNG,
        SVG;

        String extension() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String name;
    private final Location location;
    private final Format format;
    private final int width;
    private final int height;
    private final int dpi;

    private ChartDataset(String name, Location location, Format format, int width, int height, int dpi) {
        this.name = name;
        this.location = location;
        this.format = format;
        this.width = width;
        this.height = height;
        this.dpi = dpi;
    }

    /** A dataset writing {@code format} images of 640 by 480 at 100 dpi, matplotlib's default size. */
    public static ChartDataset of(Location location, Format format) {
        return new ChartDataset(null, location, format, 640, 480, 100);
    }

    /** This dataset, drawing charts {@code width} by {@code height} (at 100 dpi: pixels). */
    public ChartDataset withSize(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("width and height must be at least 1, not " + width + "x" + height);
        }
        return new ChartDataset(name, location, format, width, height, dpi);
    }

    /** This dataset, scaling PNG pixels (and text with them) by {@code dpi / 100}; SVG is scalable already. */
    public ChartDataset withDpi(int dotsPerInch) {
        if (dotsPerInch < 1) {
            throw new IllegalArgumentException("dpi must be at least 1, not " + dotsPerInch);
        }
        return new ChartDataset(name, location, format, width, height, dotsPerInch);
    }

    /** The same dataset under a catalog name, for messages. */
    ChartDataset named(String datasetName) {
        return new ChartDataset(datasetName, location, format, width, height, dpi);
    }

    @Override
    public Object load() {
        try {
            List<String> children = location.list();
            if (children.isEmpty()) {
                try (InputStream in = location.openRead()) {
                    return decode(location, in);
                }
            }
            Map<String, Object> charts = new TreeMap<>();
            String suffix = "." + format.extension();
            for (String child : children) {
                if (child.toLowerCase(Locale.ROOT).endsWith(suffix) && !child.contains("/")) {
                    Location each = location.resolve(child);
                    try (InputStream in = each.openRead()) {
                        charts.put(child.substring(0, child.length() - suffix.length()), decode(each, in));
                    }
                }
            }
            if (charts.isEmpty()) {
                throw failure(
                        "No chart at " + location.uri() + ": a directory without " + suffix + " files. Run the node"
                                + " that produces it first, or fix the dataset's 'filepath' or 'save_args.format'.",
                        null);
            }
            return charts;
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw failure(
                    "No chart at " + location.uri() + ". Run the node that produces it first, or fix the dataset's"
                            + " 'filepath'.",
                    e);
        } catch (IOException e) {
            throw failure("Cannot read " + location.uri() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void save(Object value) {
        Map<String, JFreeChart> charts = charts(value);
        if (charts == null) {
            write(location, (JFreeChart) value);
            return;
        }
        charts.forEach((file, chart) -> write(location.resolve(file + "." + format.extension()), chart));
    }

    /** The charts to write one per file, or {@code null} for a single chart at the location itself. */
    private Map<String, JFreeChart> charts(Object value) {
        if (value instanceof JFreeChart) {
            return null;
        }
        Map<String, JFreeChart> charts = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, chart) -> charts.put(String.valueOf(key), chart(key, chart)));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                charts.put(String.valueOf(i), chart(i, list.get(i)));
            }
        } else {
            throw failure(
                    "Cannot save a " + value.getClass().getName() + " as a chart: return an org.jfree.chart.JFreeChart,"
                            + " a Map<String, JFreeChart> or a List<JFreeChart>.",
                    null);
        }
        for (String file : charts.keySet()) {
            if (file.isEmpty() || file.contains("/") || file.contains("\\") || file.equals("..")) {
                throw failure(
                        "Cannot save chart '" + file + "': a chart's name becomes a file name, so it cannot be"
                                + " empty or contain '/' or '\\'.",
                        null);
            }
        }
        return charts;
    }

    private JFreeChart chart(Object key, Object value) {
        if (value instanceof JFreeChart chart) {
            return chart;
        }
        throw failure(
                "Cannot save chart '" + key + "': it is a "
                        + (value == null ? "null" : value.getClass().getName())
                        + ", not an org.jfree.chart.JFreeChart.",
                null);
    }

    private void write(Location target, JFreeChart chart) {
        Headless.ensure();
        try {
            target.write(out -> {
                if (format == Format.SVG) {
                    out.write(svg(chart).getBytes(StandardCharsets.UTF_8));
                } else if (!ImageIO.write(png(chart), "png", out)) {
                    throw new IOException("this JDK has no PNG writer");
                }
            });
        } catch (IOException e) {
            throw failure("Cannot save chart to " + target.uri() + ": " + e.getMessage(), e);
        }
    }

    private BufferedImage png(JFreeChart chart) {
        double scale = dpi / 100.0;
        BufferedImage image = new BufferedImage(
                (int) Math.round(width * scale), (int) Math.round(height * scale), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g2 = image.createGraphics();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g2.scale(scale, scale);
            chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g2.dispose();
        }
        return image;
    }

    private String svg(JFreeChart chart) {
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        // A fixed prefix for clip and gradient ids keeps identical charts byte-identical.
        g2.setDefsKeyPrefix("sluice");
        chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        return g2.getSVGDocument();
    }

    private Object decode(Location source, InputStream in) throws IOException {
        if (format == Format.SVG) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        BufferedImage image = ImageIO.read(in);
        if (image == null) {
            throw failure(
                    "Cannot load a chart from " + source.uri() + ": it is not a PNG image. Fix 'save_args.format',"
                            + " or delete the file and re-run the node that produces it.",
                    null);
        }
        return image;
    }

    @Override
    public boolean exists() {
        try {
            return location.exists() || !location.list().isEmpty();
        } catch (IOException e) {
            throw failure("Cannot check " + location.uri() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("type", "chart");
        description.put("filepath", location.uri().toString());
        description.put("format", format.extension());
        description.put("size", new ArrayList<>(List.of(width, height)));
        description.put("dpi", dpi);
        return description;
    }

    @Override
    public String storeKey() {
        return location.storeKey();
    }

    private DatasetException failure(String message, Throwable cause) {
        return new DatasetException(name, (name == null ? "" : "Dataset '" + name + "': ") + message, cause);
    }

    @Override
    public String toString() {
        return "ChartDataset[" + location.uri() + ", " + format.extension() + "]";
    }

    /** Sets {@code java.awt.headless} before AWT first draws, unless the application chose already. */
    private static final class Headless {
        static {
            if (System.getProperty("java.awt.headless") == null) {
                System.setProperty("java.awt.headless", "true");
            }
        }

        static void ensure() {
            // Loading this class runs its static initializer once.
        }
    }
}
