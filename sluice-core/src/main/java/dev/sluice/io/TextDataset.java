package dev.sluice.io;

import dev.sluice.storage.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A text file read into one {@link String}. Decoding is strict: bytes that are not valid in the
 * encoding, or characters it cannot represent, fail with their position rather than being replaced.
 */
public final class TextDataset extends FileDataset<String> {
    private final Charset encoding;

    private TextDataset(Location location, Charset encoding) {
        super(location);
        this.encoding = Objects.requireNonNull(encoding, "encoding");
    }

    /** A UTF-8 text file at {@code location}. */
    public static TextDataset at(Location location) {
        return new TextDataset(location, StandardCharsets.UTF_8);
    }

    /** A text file in {@code encoding} at {@code location}. */
    public static TextDataset at(Location location, Charset encoding) {
        return new TextDataset(location, encoding);
    }

    public Charset encoding() {
        return encoding;
    }

    @Override
    protected String decode(InputStream in) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes());
        try {
            return encoding.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw loadError(
                    "byte " + bytes.position() + " is not valid " + encoding.name()
                            + "; set 'encoding' in the catalog entry to the file's encoding",
                    e);
        }
    }

    @Override
    protected void encode(String value, OutputStream out) throws IOException {
        CharBuffer chars = CharBuffer.wrap(value);
        ByteBuffer bytes;
        try {
            bytes = encoding.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(chars);
        } catch (CharacterCodingException e) {
            throw saveError(
                    "the character at index " + chars.position() + " cannot be written in " + encoding.name()
                            + "; use an encoding that can represent it, such as UTF-8",
                    e);
        }
        out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
    }

    @Override
    public Class<?> valueType() {
        return String.class;
    }

    @Override
    protected String typeName() {
        return "text";
    }

    @Override
    protected void describeSettings(Map<String, Object> description) {
        description.put("encoding", encoding.name());
    }
}
