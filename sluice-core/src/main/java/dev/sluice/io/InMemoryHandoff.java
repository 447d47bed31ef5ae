package dev.sluice.io;

/** {@link Handoff#inMemory()}: values are handed on as they are and simply dropped when done. */
enum InMemoryHandoff implements Handoff<Object> {
    INSTANCE;

    @Override
    public Object prepare(Object value) {
        return value;
    }

    @Override
    public void release(Object value) {}
}
