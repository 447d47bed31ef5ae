package dev.sluice.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Escaping, number formats and the page frame shared by the report and the pipeline view. */
final class Html {
    private static final String STYLE = resource("report.css");
    private static final String SCRIPT = resource("report.js");

    private Html() {}

    /** Text made safe for element content and quoted attribute values; newlines survive in attributes. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\n' -> out.append("&#10;");
                case '\r' -> {}
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A coordinate with at most one decimal, without a trailing {@code .0}. */
    static String num(double value) {
        long tenths = Math.round(value * 10);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : String.format(Locale.ROOT, "%.1f", tenths / 10.0);
    }

    /** A duration in seconds with precision that suits its size: {@code 0.042 s}, {@code 1.25 s}, {@code 75 s}. */
    static String seconds(long ms) {
        double s = ms / 1000.0;
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.3f s", s);
        }
        if (ms < 10_000) {
            return String.format(Locale.ROOT, "%.2f s", s);
        }
        if (ms < 100_000) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        return String.format(Locale.ROOT, "%.0f s", s);
    }

    /** {@code text} cut to {@code max} characters, with an ellipsis when cut. */
    static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /**
     * A complete page: the stylesheet and the script inline, no external resource of any kind. The
     * empty data-URI icon keeps the browser from asking for {@code favicon.ico}.
     */
    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"generator\" content=\"Sluice\">\n"
                + "<link rel=\"icon\" href=\"data:,\">\n"
                + "<title>" + escape(title) + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n"
                + body
                + "<script>\n" + SCRIPT + "</script>\n</body>\n</html>\n";
    }

    private static String resource(String name) {
        try (InputStream in = Html.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource missing from the sluice-report jar: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
