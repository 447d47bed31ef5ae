package dev.sluice.report;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes SVG markup element by element. Attributes are given as name, value pairs and written in
 * that order; a number is written with {@link Html#num}, any other value escaped with {@link
 * Html#escape}, and an attribute whose value is {@code null} is left out. Not thread-safe: one
 * writer draws one picture.
 */
final class Svg {
    private final StringBuilder out = new StringBuilder();
    private final Deque<String> open = new ArrayDeque<>();

    private Svg() {}

    /**
     * A picture: its {@code <svg>} element opened, then a line break; {@link #end} closes it.
     *
     * @param width the width on the page, a number or a CSS length such as {@code 100%}
     * @param height the height on the page, or {@code null} to follow the view box's proportions
     * @param label what the picture shows, for screen readers
     */
    static Svg picture(
            String cssClass, Object width, Object height, double viewWidth, double viewHeight, String label) {
        String viewBox = "0 0 " + Html.num(viewWidth) + " " + Html.num(viewHeight);
        Object[] attributes = {
            "class", cssClass,
            "width", width,
            "height", height,
            "viewBox", viewBox,
            "role", "img",
            "aria-label", label
        };
        return new Svg().open("svg", attributes).newline();
    }

    /** Opens {@code <tag ...>}; {@link #end} closes it. */
    Svg open(String tag, Object... attributes) {
        start(tag, attributes).append('>');
        open.push(tag);
        return this;
    }

    /** Opens a group, {@code <g ...>}; {@link #end} closes it. */
    Svg group(Object... attributes) {
        return open("g", attributes);
    }

    /** Closes the element opened last. */
    Svg end() {
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    /** An element without content, {@code <tag .../>}. */
    Svg empty(String tag, Object... attributes) {
        start(tag, attributes).append("/>");
        return this;
    }

    Svg rect(Object... attributes) {
        return empty("rect", attributes);
    }

    /** An element holding {@code content} as escaped text. */
    Svg element(String tag, String content, Object... attributes) {
        start(tag, attributes).append('>').append(Html.escape(content));
        out.append("</").append(tag).append('>');
        return this;
    }

    Svg text(String content, Object... attributes) {
        return element("text", content, attributes);
    }

    /** Markup written as it is: constant definitions that no value goes into. */
    Svg raw(String markup) {
        out.append(markup);
        return this;
    }

    /** A line break, so that the page source reads one element (or one vertex, one lane) a line. */
    Svg newline() {
        out.append('\n');
        return this;
    }

    /** {@code x,y}: a point as path data and transforms write it. */
    static String point(double x, double y) {
        return Html.num(x) + "," + Html.num(y);
    }

    /** The markup written so far; every element opened must have been closed. */
    @Override
    public String toString() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("SVG elements left open: " + open);
        }
        return out.toString();
    }

    private StringBuilder start(String tag, Object[] attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs; <" + tag + "> got an odd count");
        }
        out.append('<').append(tag);
        for (int i = 0; i < attributes.length; i += 2) {
            Object value = attributes[i + 1];
            if (value != null) {
                out.append(' ')
                        .append(attributes[i])
                        .append("=\"")
                        .append(value(value))
                        .append('"');
            }
        }
        return out;
    }

    private static String value(Object value) {
        return value instanceof Number n ? Html.num(n.doubleValue()) : Html.escape(value.toString());
    }
}
