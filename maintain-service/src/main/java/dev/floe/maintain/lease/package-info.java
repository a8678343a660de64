/** Leader election among maintain instances through a lease object in the object store. */
package dev.floe.maintain.lease;
