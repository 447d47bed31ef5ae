package dev.sluice;

/** A node's function threw, or returned something that does not match its declared outputs. */
public class NodeExecutionException extends SluiceException {
    private final String nodeName;

    public NodeExecutionException(String nodeName, String message, Throwable cause) {
        super(Kind.NODE_EXECUTION, message, cause);
        this.nodeName = nodeName;
    }

    /** The name of the node that failed. */
    public String nodeName() {
        return nodeName;
    }
}
