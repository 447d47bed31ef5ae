package dev.sluice.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SvgTest {
    @Test
    void picture_withoutHeight_leavesItOutAndWritesTheViewBox() {
        String svg = Svg.picture("timeline", "100%", null, 640.25, 80, "Timeline: 2 lanes")
                .end()
                .toString();

        assertThat(svg)
                .isEqualTo("<svg class=\"timeline\" width=\"100%\" viewBox=\"0 0 640.3 80\" role=\"img\""
                        + " aria-label=\"Timeline: 2 lanes\">\n</svg>");
    }

    @Test
    void attributes_writtenInOrder_numbersShortAndTextEscaped() {
        String svg = Svg.picture("dag", 10, 20, 10, 20, "x")
                .rect("class", "a\"b", "data-tip", "one\ntwo <&'>", "x", 1.0, "y", 2.25, "rx", null)
                .end()
                .toString();

        assertThat(svg)
                .contains("<rect class=\"a&quot;b\" data-tip=\"one&#10;two &lt;&amp;&#39;&gt;\" x=\"1\" y=\"2.3\"/>");
    }

    @Test
    void groupsAndText_closeInnermostFirst_contentEscaped() {
        String svg = Svg.picture("dag", 1, 1, 1, 1, "x")
                .group("class", "outer")
                .group()
                .text("a < b", "x", 3)
                .end()
                .element("title", "done")
                .end()
                .end()
                .toString();

        assertThat(svg)
                .endsWith("<g class=\"outer\"><g><text x=\"3\">a &lt; b</text></g><title>done</title></g></svg>");
    }

    @Test
    void toString_elementLeftOpen_refuses() {
        Svg svg = Svg.picture("dag", 1, 1, 1, 1, "x").group("class", "edges");

        assertThatThrownBy(svg::toString)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[g, svg]");
    }

    @Test
    void attributes_oddCount_refused() {
        Svg svg = Svg.picture("dag", 1, 1, 1, 1, "x");

        assertThatThrownBy(() -> svg.rect("class")).isInstanceOf(IllegalArgumentException.class);
    }
}
