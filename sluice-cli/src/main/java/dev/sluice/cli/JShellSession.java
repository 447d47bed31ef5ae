package dev.sluice.cli;

import dev.sluice.project.Session;

/**
 * Hands the session that {@code sluice jshell} opened to the JShell snippets, which run in the same
 * JVM; the startup snippets read it once. Not an API for projects.
 */
public final class JShellSession {
    private static volatile Session current;

    private JShellSession() {}

    /** The session of the running {@code sluice jshell}. */
    public static Session session() {
        Session session = current;
        if (session == null) {
            throw new IllegalStateException("No session: JShellSession is filled by 'sluice jshell'.");
        }
        return session;
    }

    static void set(Session session) {
        current = session;
    }
}
