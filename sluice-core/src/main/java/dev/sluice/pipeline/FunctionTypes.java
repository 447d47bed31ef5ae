package dev.sluice.pipeline;

import java.io.Serializable;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a node's function looks like from outside: the name of the method a method reference points at,
 * the declared types and names of its parameters, and its return type. Both come from the {@link SerializedLambda} that the JVM
 * produces for a serializable lambda or method reference; neither calls the function.
 */
final class FunctionTypes {
    private FunctionTypes() {}

    /**
     * What each lambda class reveals, read once per class: every node built from the same call site
     * (a loop building a 100,000-node pipeline, say) shares its lambda class, and reading the serialized
     * form and scanning the owner's methods costs microseconds. A {@link ClassValue} keeps the answer
     * with the class, so caching it never holds a class loader alive. Only per-class facts are kept,
     * never the first instance's captured arguments.
     */
    private static final ClassValue<AtomicReference<Shape>> SHAPES = new ClassValue<>() {
        @Override
        protected AtomicReference<Shape> computeValue(Class<?> type) {
            return new AtomicReference<>();
        }
    };

    /** The name of the method a lambda class runs (empty when it is not a lambda), and that method. */
    private record Shape(Optional<String> implMethodName, Optional<Target> target) {}

    private static Shape shape(Serializable function) {
        AtomicReference<Shape> slot = SHAPES.get(function.getClass());
        Shape shape = slot.get();
        if (shape == null) {
            Optional<SerializedLambda> lambda = serialized(function);
            shape = new Shape(
                    lambda.map(SerializedLambda::getImplMethodName), lambda.flatMap(form -> target(function, form)));
            slot.set(shape);
        }
        return shape;
    }

    /** The lambda's serialized form, or empty when the function is not a lambda or the JVM hides it. */
    private static Optional<SerializedLambda> serialized(Serializable function) {
        try {
            Method writeReplace = function.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            Object replaced = writeReplace.invoke(function);
            return replaced instanceof SerializedLambda lambda ? Optional.of(lambda) : Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Not a lambda or method reference: there is nothing to read.
            return Optional.empty();
        }
    }

    /** The referenced method's name; empty for a lambda expression, whose method is synthetic. */
    static Optional<String> methodName(Serializable function) {
        return shape(function).implMethodName().filter(name -> !name.startsWith("lambda$"));
    }

    /**
     * The declared (generic) types of the function's {@code arity} arguments, in order: the parameter
     * types of a referenced method or constructor (the receiver first for {@code Type::instanceMethod}),
     * or of a lambda whose parameters are written with types. Empty when they cannot be read; an
     * argument a lambda leaves untyped reads as {@code Object}.
     */
    static Optional<List<Type>> argumentTypes(Serializable function, int arity) {
        return shape(function).target().flatMap(target -> {
            List<Type> types = new ArrayList<>();
            if (target.receiver()) {
                types.add(target.owner());
            }
            types.addAll(Arrays.asList(target.executable().getGenericParameterTypes()));
            return target.arguments(types, arity);
        });
    }

    /**
     * The names of the function's {@code arity} arguments, where the class file records them (compiled
     * with {@code -parameters}); {@code null} for the receiver of {@code Type::instanceMethod} and
     * where unrecorded. Empty when the function cannot be read.
     */
    static Optional<List<String>> argumentNames(Serializable function, int arity) {
        return shape(function).target().flatMap(target -> {
            List<String> names = new ArrayList<>();
            if (target.receiver()) {
                names.add(null);
            }
            for (Parameter parameter : target.executable().getParameters()) {
                names.add(parameter.isNamePresent() ? parameter.getName() : null);
            }
            return target.arguments(names, arity);
        });
    }

    /** The declared (generic) return type: the referenced method's, or the class a constructor makes. */
    static Optional<Type> returnType(Serializable function) {
        return shape(function)
                .target()
                .map(target ->
                        target.executable() instanceof Method method ? method.getGenericReturnType() : target.owner());
    }

    /** The class a declared type stands for, primitives boxed; {@code Object} for type variables and wildcards. */
    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c.isPrimitive() ? MethodType.methodType(c).wrap().returnType() : c;
        }
        if (type instanceof ParameterizedType parameterized) {
            return raw(parameterized.getRawType());
        }
        if (type instanceof GenericArrayType array) {
            return Array.newInstance(raw(array.getGenericComponentType()), 0).getClass();
        }
        return Object.class;
    }

    /**
     * The method or constructor a lambda or method reference runs.
     *
     * @param receiver whether its first argument is the receiver of an instance method
     * @param captured how many leading arguments the lambda captured (they are not the function's)
     */
    private record Target(Class<?> owner, Executable executable, boolean receiver, int captured) {
        /** The function's own {@code arity} entries of a per-argument list (receiver included). */
        <T> Optional<List<T>> arguments(List<T> all, int arity) {
            List<T> own = all.subList(Math.min(captured, all.size()), all.size());
            return own.size() == arity
                    ? Optional.of(Collections.unmodifiableList(new ArrayList<>(own)))
                    : Optional.empty();
        }
    }

    private static Optional<Target> target(Serializable function, SerializedLambda form) {
        try {
            ClassLoader loader = function.getClass().getClassLoader();
            Class<?> owner = Class.forName(form.getImplClass().replace('/', '.'), false, loader);
            MethodType signature = MethodType.fromMethodDescriptorString(form.getImplMethodSignature(), loader);
            Executable target = find(owner, form.getImplMethodName(), signature);
            if (target == null) {
                return Optional.empty();
            }
            boolean receiver = !Modifier.isStatic(target.getModifiers())
                    && form.getImplMethodKind() != MethodHandleInfo.REF_newInvokeSpecial;
            return Optional.of(new Target(owner, target, receiver, form.getCapturedArgCount()));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // A class the function refers to is not visible here: its types stay unknown.
            return Optional.empty();
        }
    }

    private static Executable find(Class<?> owner, String name, MethodType signature) {
        if (name.equals("<init>")) {
            for (Constructor<?> constructor : owner.getDeclaredConstructors()) {
                if (Arrays.equals(constructor.getParameterTypes(), signature.parameterArray())) {
                    return constructor;
                }
            }
            return null;
        }
        for (Method method : owner.getDeclaredMethods()) {
            if (method.getName().equals(name)
                    && method.getReturnType() == signature.returnType()
                    && Arrays.equals(method.getParameterTypes(), signature.parameterArray())) {
                return method;
            }
        }
        return null;
    }
}
