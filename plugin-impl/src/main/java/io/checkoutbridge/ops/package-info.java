/**
 * What an operator needs on a bad day, independent of the container: the readiness checks
 * (database reachable, migrations applied, providers configured), the providers' self-tests and
 * the admin list as CSV. The CDI glue ({@code io.checkoutbridge.cdi}) and the admin serve them.
 */
package io.checkoutbridge.ops;
