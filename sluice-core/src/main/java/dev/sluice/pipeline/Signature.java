package dev.sluice.pipeline;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a node knows of its function's signature, read once when the node is built ({@link
 * FunctionTypes}) or declared with {@link Node.Builder#inputType}. Entries are {@code null} where
 * unknown, which every check treats as "any value".
 *
 * @param argumentTypes the declared (generic) type of each input, in input order
 * @param argumentNames the parameter name behind each input, where the class file records it
 * @param returnType the function's declared return type
 */
record Signature(List<Type> argumentTypes, List<String> argumentNames, Type returnType) {
    Signature {
        argumentTypes = Collections.unmodifiableList(new ArrayList<>(argumentTypes));
        argumentNames = Collections.unmodifiableList(new ArrayList<>(argumentNames));
    }
}
