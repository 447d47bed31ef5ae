/** Classes that the object-format tests never trust. */
package dev.sluice.objects.untrusted;
