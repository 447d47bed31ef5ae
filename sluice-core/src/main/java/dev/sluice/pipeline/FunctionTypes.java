package dev.sluice.pipeline;

import java.io.Serializable;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a node's function looks like from outside: the name of the method a method reference points at,
 * and the declared types of its parameters. Both come from the {@link SerializedLambda} that the JVM
 * produces for a serializable lambda or method reference; neither calls the function.
 */
final class FunctionTypes {
    private FunctionTypes() {}

    /** The lambda's serialized form, or empty when the function is not a lambda or the JVM hides it. */
    static Optional<SerializedLambda> serialized(Serializable function) {
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
        return serialized(function)
                .map(SerializedLambda::getImplMethodName)
                .filter(name -> !name.startsWith("lambda$"));
    }

    /**
     * The declared (generic) types of the function's {@code arity} arguments, in order: the parameter
     * types of a referenced method or constructor (the receiver first for {@code Type::instanceMethod}),
     * or of a lambda whose parameters are written with types. Empty when they cannot be read; an
     * argument a lambda leaves untyped reads as {@code Object}.
     */
    static Optional<List<Type>> argumentTypes(Serializable function, int arity) {
        Optional<SerializedLambda> lambda = serialized(function);
        if (lambda.isEmpty()) {
            return Optional.empty();
        }
        SerializedLambda form = lambda.get();
        try {
            ClassLoader loader = function.getClass().getClassLoader();
            Class<?> owner = Class.forName(form.getImplClass().replace('/', '.'), false, loader);
            MethodType signature = MethodType.fromMethodDescriptorString(form.getImplMethodSignature(), loader);
            Executable target = find(owner, form.getImplMethodName(), signature);
            if (target == null) {
                return Optional.empty();
            }
            List<Type> types = new ArrayList<>();
            int kind = form.getImplMethodKind();
            boolean receiver =
                    !Modifier.isStatic(target.getModifiers()) && kind != MethodHandleInfo.REF_newInvokeSpecial;
            if (receiver) {
                types.add(owner);
            }
            types.addAll(Arrays.asList(target.getGenericParameterTypes()));
            List<Type> arguments = types.subList(Math.min(form.getCapturedArgCount(), types.size()), types.size());
            return arguments.size() == arity ? Optional.of(List.copyOf(arguments)) : Optional.empty();
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
