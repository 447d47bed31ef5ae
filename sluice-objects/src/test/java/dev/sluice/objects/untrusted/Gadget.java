package dev.sluice.objects.untrusted;

/** A class outside the trusted packages whose initializer leaves a trace, to prove it never ran. */
public final class Gadget {
    public static final String INITIALIZED = "sluice.test.gadget.initialized";

    static {
        System.setProperty(INITIALIZED, "true");
    }

    private String command = "rm -rf /";

    public Gadget() {}

    public String command() {
        return command;
    }
}
