/** Checks that keep the user guide (docs/guide) equal to what the code does. */
package dev.sluice.docs;
