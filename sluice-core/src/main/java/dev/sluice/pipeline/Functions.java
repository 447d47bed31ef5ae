package dev.sluice.pipeline;

import java.io.Serializable;

/**
 * Typed function shapes a node can wrap, one per number of positional inputs. They are
 * {@link Serializable} only so that a method reference's name can serve as the node's default name;
 * Sluice never serializes a node.
 */
public final class Functions {
    private Functions() {}

    /** A node function with no inputs. */
    @FunctionalInterface
    public interface Fn0<R> extends Serializable {
        R apply() throws Exception;
    }

    /** A node function with one input. */
    @FunctionalInterface
    public interface Fn1<A, R> extends Serializable {
        R apply(A a) throws Exception;
    }

    /** A node function with two inputs. */
    @FunctionalInterface
    public interface Fn2<A, B, R> extends Serializable {
        R apply(A a, B b) throws Exception;
    }

    /** A node function with three inputs. */
    @FunctionalInterface
    public interface Fn3<A, B, C, R> extends Serializable {
        R apply(A a, B b, C c) throws Exception;
    }

    /** A node function with four inputs. */
    @FunctionalInterface
    public interface Fn4<A, B, C, D, R> extends Serializable {
        R apply(A a, B b, C c, D d) throws Exception;
    }

    /** A node function with five inputs. */
    @FunctionalInterface
    public interface Fn5<A, B, C, D, E, R> extends Serializable {
        R apply(A a, B b, C c, D d, E e) throws Exception;
    }

    /** A node function with six inputs. */
    @FunctionalInterface
    public interface Fn6<A, B, C, D, E, F, R> extends Serializable {
        R apply(A a, B b, C c, D d, E e, F f) throws Exception;
    }

    /** A node function that takes its inputs by argument name ({@code inputs(Map)} with {@code fnByName}). */
    @FunctionalInterface
    public interface NamedFn<R> extends Serializable {
        R apply(Inputs inputs) throws Exception;
    }
}
