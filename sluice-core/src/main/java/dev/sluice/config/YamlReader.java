package dev.sluice.config;

import dev.sluice.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads one YAML (or JSON) file into a {@link ConfigNode} tree with the position of every key and
 * value.
 *
 * <p>The engine's composer is used rather than its constructor because the composer keeps marks. It
 * also applies YAML merge keys ({@code <<: *anchor}, explicit keys winning), so this class only has
 * to turn nodes into values, reject duplicate keys and keep secrets out of messages: parser snippets
 * are never quoted, because the file may be {@code credentials.yml}.
 */
final class YamlReader {
    private static final CoreSchema SCHEMA = new CoreSchema();
    private static final Map<Tag, ConstructNode> SCALAR_CONSTRUCTORS = SCHEMA.getSchemaTagConstructors();
    private static final Set<Tag> TYPED_SCALARS = Set.of(Tag.NULL, Tag.INT, Tag.FLOAT, Tag.BOOL);

    private final String file;
    private final Set<Node> converting = Collections.newSetFromMap(new IdentityHashMap<>());

    private YamlReader(String file) {
        this.file = file;
    }

    /**
     * Reads {@code path}; {@code displayName} is how messages and positions name it.
     *
     * @return the top-level mapping; an empty file gives an empty mapping
     */
    static ConfigNode.Mapping read(Path path, String displayName) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(displayName)
                .setSchema(SCHEMA)
                .setAllowRecursiveKeys(false)
                .setParseComments(false)
                .build();
        Optional<Node> root;
        try (InputStream in = Files.newInputStream(path)) {
            root = new Compose(settings).composeInputStream(in);
        } catch (MarkedYamlEngineException e) {
            Position where = Position.of(displayName, e.getProblemMark().or(e::getContextMark));
            throw new ConfigurationException(ConfigMessages.malformedYaml(where, problemOf(e)), e);
        } catch (YamlEngineException e) {
            throw new ConfigurationException(ConfigMessages.unreadableYaml(displayName, e.getMessage()), e);
        } catch (IOException e) {
            throw new ConfigurationException(ConfigMessages.unreadableFile(displayName, e), e);
        }
        YamlReader reader = new YamlReader(displayName);
        if (root.isEmpty()) {
            return ConfigNode.Mapping.empty(new Position(displayName, 1, 1));
        }
        ConfigNode top = reader.convert(root.get());
        if (top instanceof ConfigNode.Scalar scalar && scalar.value() == null) {
            return ConfigNode.Mapping.empty(top.position());
        }
        if (!(top instanceof ConfigNode.Mapping mapping)) {
            throw new ConfigurationException(ConfigMessages.topLevelNotMapping(top));
        }
        return mapping;
    }

    /** Types a plain scalar the way YAML's core schema does ({@code 5}, {@code 1.5}, {@code true}, {@code null}). */
    static Object typedScalar(String text) {
        Tag tag = SCHEMA.getScalarResolver().resolve(text, true);
        if (!TYPED_SCALARS.contains(tag)) {
            return text;
        }
        return SCALAR_CONSTRUCTORS.get(tag).construct(new ScalarNode(tag, text, ScalarStyle.PLAIN));
    }

    private static String problemOf(MarkedYamlEngineException e) {
        StringBuilder problem = new StringBuilder();
        if (e.getContext() != null) {
            problem.append(e.getContext());
        }
        if (e.getProblem() != null) {
            if (problem.length() > 0) {
                problem.append(": ");
            }
            problem.append(e.getProblem().strip());
        }
        return problem.toString();
    }

    private ConfigNode convert(Node node) {
        if (!converting.add(node)) {
            throw new ConfigurationException(ConfigMessages.recursiveAlias(position(node)));
        }
        try {
            if (node instanceof MappingNode mapping) {
                return convertMapping(mapping);
            }
            if (node instanceof SequenceNode sequence) {
                List<ConfigNode> items = new ArrayList<>();
                for (Node item : sequence.getValue()) {
                    items.add(convert(item));
                }
                return new ConfigNode.Sequence(items, position(node));
            }
            return new ConfigNode.Scalar(scalarValue((ScalarNode) node), position(node));
        } finally {
            converting.remove(node);
        }
    }

    private ConfigNode convertMapping(MappingNode mapping) {
        Map<String, ConfigNode.Member> members = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            Position keyPosition = position(keyNode);
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                throw new ConfigurationException(ConfigMessages.complexKey(keyPosition));
            }
            String key = scalarKey.getValue();
            ConfigNode.Member previous = members.get(key);
            if (previous != null) {
                throw new ConfigurationException(ConfigMessages.duplicateKey(key, previous.keyPosition(), keyPosition));
            }
            members.put(key, new ConfigNode.Member(keyPosition, convert(tuple.getValueNode())));
        }
        return new ConfigNode.Mapping(members, position(mapping));
    }

    private Object scalarValue(ScalarNode node) {
        Tag tag = node.getTag();
        // Plain ${VAR} scalars are tagged as environment variables by the engine; Sluice interpolates
        // them itself, so they are ordinary strings here.
        if (tag.equals(Tag.STR) || tag.equals(Tag.ENV_TAG)) {
            return node.getValue();
        }
        if (!TYPED_SCALARS.contains(tag)) {
            throw new ConfigurationException(ConfigMessages.unsupportedTag(position(node), tag.getValue()));
        }
        try {
            return SCALAR_CONSTRUCTORS.get(tag).construct(node);
        } catch (YamlEngineException e) {
            throw new ConfigurationException(ConfigMessages.badScalar(position(node), tag.getValue()), e);
        }
    }

    private Position position(Node node) {
        return Position.of(file, node.getStartMark());
    }
}
