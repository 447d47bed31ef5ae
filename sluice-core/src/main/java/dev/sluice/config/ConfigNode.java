package dev.sluice.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML value that remembers where it was written, so that errors found after parsing (during
 * interpolation, merging or dataset creation) can still name the file, line and column.
 */
sealed interface ConfigNode {
    Position position();

    /** The value as plain Java objects: unmodifiable maps and lists, strings, numbers, booleans, null. */
    Object toPlain();

    /** What kind of value this is, for messages ("a mapping", "a list", "'abc'"). */
    String describe();

    /**
     * Plain Java values (text, numbers, booleans, {@code null}, lists and string-keyed maps of those) as
     * configuration, every node at {@code position}.
     *
     * @throws IllegalArgumentException naming the class of a value that is none of those
     */
    static ConfigNode fromPlain(Object value, Position position) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return new Scalar(value, position);
        }
        if (value instanceof List<?> list) {
            List<ConfigNode> items = new ArrayList<>();
            list.forEach(item -> items.add(fromPlain(item, position)));
            return new Sequence(items, position);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Member> members = new LinkedHashMap<>();
            map.forEach(
                    (key, item) -> members.put(String.valueOf(key), new Member(position, fromPlain(item, position))));
            return new Mapping(members, position);
        }
        throw new IllegalArgumentException(value.getClass().getName());
    }

    /** A single value: a string, a number, a boolean or {@code null}. */
    record Scalar(Object value, Position position) implements ConfigNode {
        @Override
        public Object toPlain() {
            return value;
        }

        @Override
        public String describe() {
            return value == null ? "null" : "'" + value + "'";
        }
    }

    /** A YAML sequence. */
    record Sequence(List<ConfigNode> items, Position position) implements ConfigNode {
        public Sequence {
            items = Collections.unmodifiableList(new ArrayList<>(items));
        }

        @Override
        public Object toPlain() {
            List<Object> plain = new ArrayList<>(items.size());
            for (ConfigNode item : items) {
                plain.add(item.toPlain());
            }
            return Collections.unmodifiableList(plain);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A YAML mapping whose keys keep their own positions; iteration follows the file's order. */
    record Mapping(Map<String, Member> members, Position position) implements ConfigNode {
        public Mapping {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        static Mapping empty(Position position) {
            return new Mapping(Map.of(), position);
        }

        Optional<Member> member(String key) {
            return Optional.ofNullable(members.get(key));
        }

        Optional<ConfigNode> get(String key) {
            return member(key).map(Member::value);
        }

        @Override
        public Map<String, Object> toPlain() {
            Map<String, Object> plain = new LinkedHashMap<>();
            members.forEach((key, member) -> plain.put(key, member.value().toPlain()));
            return Collections.unmodifiableMap(plain);
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** One key of a mapping: where the key was written and its value. */
    record Member(Position keyPosition, ConfigNode value) {}
}
