package dev.sluice.hook;

import dev.sluice.ConfigurationException;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds hooks (explicitly, by class name, or with {@link ServiceLoader}) and calls them guarded. */
public final class Hooks {
    private static final Logger LOG = LoggerFactory.getLogger(Hooks.class);

    private final List<Hook> hooks;

    private Hooks(List<Hook> hooks) {
        this.hooks = List.copyOf(hooks);
    }

    /** Calls the given hooks, in order. */
    public static Hooks of(List<? extends Hook> hooks) {
        return new Hooks(new ArrayList<>(hooks));
    }

    /** No hooks. */
    public static Hooks none() {
        return new Hooks(List.of());
    }

    /** Hooks listed in {@code META-INF/services/dev.sluice.hook.Hook} on the class path; each is logged with its jar. */
    public static List<Hook> discover(ClassLoader loader) {
        List<Hook> found = new ArrayList<>();
        for (Hook hook : ServiceLoader.load(Hook.class, loader)) {
            LOG.info("Loaded hook {} from {}", hook.getClass().getName(), origin(hook.getClass()));
            found.add(hook);
        }
        return found;
    }

    /** Instantiates a hook class by fully qualified name (public no-argument constructor). */
    public static Hook instantiate(String className, ClassLoader loader) {
        try {
            Class<?> type = Class.forName(className.trim(), true, loader);
            if (!Hook.class.isAssignableFrom(type)) {
                throw new ConfigurationException(
                        "Hook class '" + className + "' does not implement " + Hook.class.getName());
            }
            return (Hook) type.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new ConfigurationException(
                    "Hook class '" + className + "' is not on the class path; check the name "
                            + "in --hooks and that its jar is on the project's class path.",
                    e);
        } catch (ReflectiveOperationException e) {
            throw new ConfigurationException(
                    "Cannot create hook '" + className + "': it needs a public no-argument constructor (" + e + ").",
                    e);
        }
    }

    /** The hooks, in call order. */
    public List<Hook> list() {
        return hooks;
    }

    /** A combined list: these hooks, then {@code more}. */
    public Hooks with(List<? extends Hook> more) {
        List<Hook> all = new ArrayList<>(hooks);
        all.addAll(more);
        return new Hooks(all);
    }

    /** Calls {@code event} on every hook; a hook that throws is logged and skipped, never stopping the run. */
    public void fire(String eventName, Consumer<Hook> event) {
        for (Hook hook : hooks) {
            try {
                event.accept(hook);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn(
                        "Hook {} failed in {}; the run continues",
                        hook.getClass().getName(),
                        eventName,
                        e);
            }
        }
    }

    /** Where {@code type} was loaded from (its jar or directory), for logging what plugins were found. */
    public static String origin(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        return location == null ? "an unknown location" : location.toString();
    }
}
