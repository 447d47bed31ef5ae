package dev.sluice.config;

import dev.sluice.ConfigurationException;
import dev.sluice.Warnings;
import dev.sluice.catalog.DatasetPattern;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the shape of every catalog entry once its configuration is resolved: a mapping with a
 * {@code type}, a boolean {@code tee}, {@code credentials} given as a name or a mapping, a valid factory
 * pattern. Whether named credentials exist is the catalog's concern: without them only the entry is
 * unavailable.
 */
final class CatalogEntries {
    private CatalogEntries() {}

    static List<ProjectConfig.EntryDefinition> validate(ConfigNode.Mapping catalog, Warnings warnings) {
        List<ProjectConfig.EntryDefinition> entries = new ArrayList<>();
        catalog.members().forEach((name, member) -> entries.add(validate(name, member, warnings)));
        return Collections.unmodifiableList(entries);
    }

    private static ProjectConfig.EntryDefinition validate(String name, ConfigNode.Member member, Warnings warnings) {
        Position at = member.keyPosition();
        if (!(member.value() instanceof ConfigNode.Mapping settings)) {
            throw new ConfigurationException(
                    ConfigMessages.entryNotMapping(name, at, member.value().describe()));
        }
        if (name.equals("parameters") || name.startsWith("params:")) {
            throw new ConfigurationException(ConfigMessages.reservedName(name, at));
        }
        ConfigNode type = settings.get("type")
                .orElseThrow(() -> new ConfigurationException(ConfigMessages.missingType(name, at)));
        if (!(type instanceof ConfigNode.Scalar typeName)
                || !(typeName.value() instanceof String text)
                || text.isBlank()) {
            throw new ConfigurationException(ConfigMessages.typeNotText(name, type.position()));
        }
        for (String flag : List.of("tee", "versioned")) {
            settings.get(flag).ifPresent(value -> {
                if (!(value instanceof ConfigNode.Scalar scalar) || !(scalar.value() instanceof Boolean)) {
                    throw new ConfigurationException(
                            ConfigMessages.flagNotBoolean(name, flag, value.position(), describe(value)));
                }
            });
        }
        settings.get("credentials").ifPresent(reference -> checkCredentials(name, reference));
        settings.member("layer")
                .ifPresent(
                        layer -> warnings.add(layer.keyPosition().fileAndLine(), ConfigMessages.layerAtTopLevel(name)));
        DatasetPattern pattern = null;
        if (DatasetPattern.isPattern(name)) {
            pattern = parsePattern(name, at);
            Map<String, Object> plain = settings.toPlain();
            Set<String> unknown = pattern.unknownPlaceholdersIn(plain);
            if (!unknown.isEmpty()) {
                throw new ConfigurationException(ConfigMessages.unknownPlaceholders(name, at, unknown));
            }
        }
        CatalogEntryConfig config = new CatalogEntryConfig(name, settings.toPlain(), at.fileAndLine(), pattern != null);
        return new ProjectConfig.EntryDefinition(config, settings, at, pattern);
    }

    private static String describe(ConfigNode node) {
        return node instanceof ConfigNode.Scalar scalar ? String.valueOf(scalar.value()) : node.describe();
    }

    private static void checkCredentials(String name, ConfigNode reference) {
        if (reference instanceof ConfigNode.Mapping) {
            return;
        }
        if (!(reference instanceof ConfigNode.Scalar scalar) || !(scalar.value() instanceof String)) {
            throw new ConfigurationException(ConfigMessages.credentialsWrongShape(name, reference.position()));
        }
    }

    private static DatasetPattern parsePattern(String name, Position at) {
        try {
            return DatasetPattern.parse(name);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(ConfigMessages.invalidPattern(at, e.getMessage()), e);
        }
    }
}
