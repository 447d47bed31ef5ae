/**
 * The distribution's launcher: what {@code bin/sluice} runs when a project's class path may be stale.
 * {@link dev.sluice.launcher.Prepare} resolves the project's dependencies with Maven only when its build
 * files changed, compiles its sources with {@code javax.tools} only when they changed, packs its classes
 * into a jar (class-data archives need jars), and writes the class path the CLI then starts with. JDK only:
 * nothing here may depend on a library.
 */
package dev.sluice.launcher;
