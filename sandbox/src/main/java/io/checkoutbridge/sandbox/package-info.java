/** Simulators of the providers' HTTP APIs, for tests and the demo. */
package io.checkoutbridge.sandbox;
