/**
 * Simulators of the payment providers' HTTP APIs, for the plugin's integration tests and the demo
 * shop. Never needed in production.
 *
 * <h2>Serving</h2>
 * {@link io.checkoutbridge.sandbox.SandboxServlet} is annotated {@code @WebServlet("/sandbox/*")},
 * so this jar in any WAR's {@code WEB-INF/lib} serves every simulator with no {@code web.xml}
 * entry. It creates one {@link io.checkoutbridge.sandbox.Sandbox} per web application (servlet
 * context attribute {@code io.checkoutbridge.sandbox.Sandbox}), refuses bodies over 1 MiB with 413,
 * and closes the sandbox on undeploy. Provider {@code p} lives under {@code {app}/sandbox/p/...};
 * point the adapter's base URLs there.
 *
 * <h2>Control endpoints</h2>
 * <ul>
 *   <li>{@code GET /sandbox/_journal?provider=&direction=in|out&after=<seq>}: JSON array, oldest
 *       first, of {@code {seq, time, provider, direction, method, path, query, headers, body,
 *       status}}; outgoing callback attempts also carry {@code url}, {@code attempt} and {@code
 *       error}, and entries touched by a fault carry {@code fault}. {@code body} is the parsed JSON
 *       when the body is JSON, else its text. Secrets are {@code "***"}: headers {@code
 *       authorization}, {@code api-key}, {@code x-api-key}, {@code cookie}; JSON fields at any
 *       depth, form fields and query parameters named {@code client_secret}, {@code private_key},
 *       {@code password}, {@code cardNumber}, {@code cardSecurityCode}, {@code secret} (plus
 *       {@code access_token}, {@code refresh_token}, {@code api_key}, {@code cvv}, {@code cvc}),
 *       compared ignoring case, {@code _} and {@code -}. The newest 10,000 entries are kept; bodies
 *       over 256 KiB are not. {@code DELETE /sandbox/_journal} clears it.</li>
 *   <li>{@code POST /sandbox/_faults} with {@code {"provider","operation","mode","count":1,
 *       "status":503,"delayMs"}} (or an array of them); {@code GET} lists active faults with
 *       {@code remaining}; {@code DELETE [?provider=]} clears. Modes: {@code error}, {@code
 *       timeout} (acts, then answers after the delay, default 15 s), {@code timeout-before}
 *       (answers the error after the delay without acting), {@code error-after} (acts, then
 *       answers the error), {@code slow} (3 s), {@code fail-second}; for operation
 *       {@code callback}: {@code duplicate}, {@code late} (5 s), {@code out-of-order} (5 s), {@code
 *       drop}. See {@link io.checkoutbridge.sandbox.FaultMode}. Faults count down per matching call
 *       and disappear at zero; unknown providers, operations or modes are refused with 400.</li>
 *   <li>{@code POST /sandbox/_reset}: clears the journal, the faults and all simulator state.</li>
 *   <li>{@code GET /sandbox/}: an index page.</li>
 * </ul>
 *
 * <h2>Adding a simulator</h2>
 * Create a package {@code io.checkoutbridge.sandbox.<provider>} with a final class implementing
 * {@link io.checkoutbridge.sandbox.Simulator} and a constructor taking {@link
 * io.checkoutbridge.sandbox.SandboxContext}; register it in {@link
 * io.checkoutbridge.sandbox.Sandbox.Builder#standardSimulators()}. Reuse:
 * <ul>
 *   <li>{@link io.checkoutbridge.sandbox.Router}: {@code add(method, pattern, operation, handler)}
 *       with {@code {name}} segments; {@code resolve(request)} gives the
 *       {@link io.checkoutbridge.sandbox.Route} (its operation name is what faults target; 405 and
 *       trailing slashes handled).</li>
 *   <li>{@link io.checkoutbridge.sandbox.SimulatorException}: throw it from handlers (status,
 *       code, message, field errors); render it in the provider's shape in {@code
 *       errorResponse}.</li>
 *   <li>{@link io.checkoutbridge.sandbox.SandboxResponse#json}, {@code html}, {@code redirect};
 *       {@link io.checkoutbridge.sandbox.Json} (BigDecimal numbers, {@code parseObject}, {@code
 *       isLong}); {@link io.checkoutbridge.sandbox.Html} ({@code escape}, {@code page}, {@code
 *       money}); {@link io.checkoutbridge.sandbox.QueryStrings}; {@link
 *       io.checkoutbridge.sandbox.Ids}; {@link io.checkoutbridge.sandbox.Timestamps}.</li>
 *   <li>{@link io.checkoutbridge.sandbox.SandboxContext#callbacks()}: {@code
 *       send(OutboundCallback)}; delivery, retries, journal and callback faults are handled there.
 *       An {@link io.checkoutbridge.sandbox.OutboundCallback.Signer} signs each attempt.</li>
 *   <li>{@link io.checkoutbridge.sandbox.SandboxContext#clock()} for every timestamp and expiry,
 *       {@link io.checkoutbridge.sandbox.SandboxContext#setting} for configuration.</li>
 * </ul>
 * Keep state in the simulator instance (never static), guard it with one lock, never block in a
 * handler (the sandbox does the fault delays), use {@code long} minor units for money.
 */
package io.checkoutbridge.sandbox;
