/**
 * The Sluice Maven plugin: {@code mvn sluice:run} and {@code mvn sluice:report} run the Sluice CLI in a
 * forked JVM with the project's run-time class path (one copy of each artifact, the project's) plus the
 * CLI and logback, and Sluice's default logging unless the project ships {@code conf/logging.xml};
 * {@code mvn sluice:package} builds the project, its dependencies, the CLI and its {@code conf/} into one
 * jar for {@code spark-submit}, without what the Spark cluster provides.
 */
package dev.sluice.maven;
