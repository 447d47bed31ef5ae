package {{package}};

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NodesTest {
    @Test
    void shout_upperCasesLinesAndAppendsSuffix() {
        assertEquals("HI!\nYOU!\n", Nodes.shout("hi\nyou\n", Map.of("suffix", "!")));
    }

    @Test
    void countWords_countsCaseInsensitively() {
        assertEquals(Map.of("hi", 2, "you", 1), Nodes.countWords("Hi you, hi!"));
    }
}
