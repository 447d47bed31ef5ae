/**
 * Classes Spark instantiates by name, which must therefore be public: the commit protocol that lets
 * Hadoop's S3A committers commit Spark's writes. Not part of Sluice's API.
 */
package dev.sluice.spark.internal;
