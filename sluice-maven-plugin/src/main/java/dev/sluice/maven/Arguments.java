package dev.sluice.maven;

import java.util.ArrayList;
import java.util.List;

/** Splits a command-line string as a shell would for plain words and quotes ({@code -Dsluice.args="..."}). */
final class Arguments {
    private Arguments() {}

    /**
     * The words of {@code text}: separated by whitespace, with single or double quotes grouping words.
     *
     * @throws IllegalArgumentException for an unclosed quote
     */
    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed " + quote + " in: " + text);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
