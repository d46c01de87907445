/**
 * Dintero Checkout and Order Management simulator.
 *
 * <h2>Base URLs</h2>
 * <ul>
 *   <li>Checkout host ({@code https://checkout.dintero.com/v1}): {@code
 *       {app}/sandbox/dintero/checkout/v1}</li>
 *   <li>Accounts/orders host ({@code https://api.dintero.com/v1}): {@code
 *       {app}/sandbox/dintero/api/v1}</li>
 *   <li>Hosted payment page: {@code {app}/sandbox/dintero/pay/{sessionId}}</li>
 *   <li>The merchant's back office: {@code {app}/sandbox/dintero/backoffice/transactions/{id}}</li>
 * </ul>
 *
 * <h2>Known credentials</h2>
 * Account {@value io.checkoutbridge.sandbox.dintero.DinteroSimulator#ACCOUNT_ID}, client id
 * {@value io.checkoutbridge.sandbox.dintero.DinteroSimulator#CLIENT_ID}, client secret
 * {@value io.checkoutbridge.sandbox.dintero.DinteroSimulator#CLIENT_SECRET}; admin API key
 * {@value io.checkoutbridge.sandbox.dintero.DinteroSimulator#API_KEY} (header {@code x-api-key}).
 * Settings (builder or system property): {@code checkoutbridge.sandbox.dintero.signature-secret}
 * (preset callback secret), {@code ...token-ttl-seconds} (default 86400), {@code
 * ...max-callback-delay-seconds} (default 60).
 *
 * <h2>Endpoints and fault operations</h2>
 * <table>
 *   <caption>Routes</caption>
 *   <tr><th>Method and path</th><th>Operation</th></tr>
 *   <tr><td>POST {checkout|api}/accounts/{aid}/auth/token</td><td>token</td></tr>
 *   <tr><td>POST api/accounts/{aid}/shopping/draft_orders</td><td>draft_order</td></tr>
 *   <tr><td>GET api/accounts/{aid}/shopping/draft_orders/{id}</td><td>get_order</td></tr>
 *   <tr><td>PUT api/accounts/{aid}/shopping/draft_orders/{id}/complete</td>
 *       <td>complete_order</td></tr>
 *   <tr><td>GET api/accounts/{aid}/shopping/orders/{orderId}</td><td>get_order</td></tr>
 *   <tr><td>POST .../orders/{orderId}/authorizations|captures|refunds|cancellations, POST
 *       .../cancel</td><td>order_record</td></tr>
 *   <tr><td>GET .../orders/{orderId}/authorizations|captures|refunds</td><td>get_order</td></tr>
 *   <tr><td>POST checkout/sessions-profile[?include_session=true]</td><td>session</td></tr>
 *   <tr><td>GET checkout/sessions/{id}</td><td>get_session</td></tr>
 *   <tr><td>POST checkout/sessions/{id}/cancel</td><td>cancel_session</td></tr>
 *   <tr><td>GET checkout/transactions/{id}[?includes=session], GET checkout/transactions</td>
 *       <td>get_transaction</td></tr>
 *   <tr><td>POST checkout/transactions/{id}/capture|refund|void</td>
 *       <td>capture, refund, void</td></tr>
 *   <tr><td>POST checkout/admin/signature</td><td>admin_signature</td></tr>
 *   <tr><td>GET|POST pay/{sessionId}</td><td>pay_page</td></tr>
 *   <tr><td>POST pay/{sessionId}/decide</td><td>decide</td></tr>
 *   <tr><td>GET backoffice/transactions/{id}, POST …/capture|refund|void</td><td>backoffice</td></tr>
 *   <tr><td>(callbacks the sandbox sends)</td><td>callback</td></tr>
 * </table>
 *
 * <h2>What the simulator checks, and why</h2>
 * <table>
 *   <caption>Checks and their sources</caption>
 *   <tr><th>Check</th><th>Source</th></tr>
 *   <tr><td>Token: HTTP Basic client credentials, {@code grant_type=client_credentials}, audience
 *       {@code …/accounts/{aid}}, on both hosts</td><td>seed 002 (curl example); Dintero.Node.SDK
 *       {@code AccessToken}; WooCommerce plugin {@code class-dintero-checkout-get-access-token.php}
 *       (checkout host), Magento plugin {@code Client.php} (api host)</td></tr>
 *   <tr><td>Account id {@code ^[PT]\d{8}$}</td><td>docs.dintero.com api-reference (ordersessions,
 *       {@code aid} parameter)</td></tr>
 *   <tr><td>Session: {@code order.amount} = Σ items + shipping, unique string {@code line_id},
 *       {@code vat}, integer amounts</td><td>payments.d.ts {@code SessionProfile}/{@code OrderItem};
 *       docs.dintero.com integration checklist</td></tr>
 *   <tr><td>Draft order: numeric {@code line_id}, {@code gross_amount}, {@code tax_lines}</td>
 *       <td>seed 002</td></tr>
 *   <tr><td>Transaction state machine (capture from AUTHORIZED/PARTIALLY_CAPTURED, refund after
 *       capture, void of AUTHORIZED)</td><td>payments.d.ts descriptions of
 *       {@code transactions_id_capture_post}, {@code _refund_post}, {@code _void_post}</td></tr>
 *   <tr><td>Void after a part capture only for {@code payex.*}, {@code vipps}, {@code klarna.klarna},
 *       {@code klarna.billie}</td><td>payments.d.ts, {@code POST /transactions/{id}/void}, "Void on
 *       part capture"</td></tr>
 *   <tr><td>Capture/refund {@code items} sum to {@code amount}, known {@code line_id}s</td><td>
 *       payments.d.ts capture and refund bodies; integration checklist ("include every captured
 *       item")</td></tr>
 *   <tr><td>References are labels, not dedupe keys</td><td>payments.d.ts (no idempotency for
 *       capture/refund); WooCommerce {@code class-dintero-checkout-capture-order.php}
 *       ({@code capture_reference} = order id)</td></tr>
 *   <tr><td>Callback query and options ({@code report_error}, {@code report_event} repeated,
 *       {@code method=POST}, {@code sid_parameter_name}, {@code delay_callback})</td><td>payments.d.ts
 *       {@code CallbackUrl}, the spec changelog ({@code ?report_event=CAPTURE&report_event=REFUND});
 *       WooCommerce {@code class-dintero-checkout-callback.php}</td></tr>
 *   <tr><td>Back-office capture/refund/void sends the {@code event} callback</td><td>the spec
 *       changelog ("receive callbacks on captures, refunds and void"); WooCommerce plugin comment
 *       "Events to listen to when they happen in the back office"</td></tr>
 *   <tr><td>{@code Dintero-Signature} over time, account, method, host, path, sorted query</td><td>
 *       docs.dintero.com validating-callbacks (its published test vector)</td></tr>
 *   <tr><td>Session cancel voids an initiated/authorized transaction, refused further on</td><td>
 *       payments.d.ts {@code checkout_session_cancel_post}</td></tr>
 *   <tr><td>Order records: {@code items}, {@code payment_details.payment_id}, {@code success}; top
 *       level {@code amount} = Σ items</td><td>seed 002; docs.dintero.com api-reference orderlist
 *       ({@code captures} GET) and ordercancellations</td></tr>
 *   <tr><td>Cancellation at {@code …/orders/{id}/cancellations} (and the older {@code …/cancel})</td>
 *       <td>docs.dintero.com api-reference "Create a cancellation for an order"; order-management
 *       overview (older {@code /cancel})</td></tr>
 * </table>
 *
 * <h2>Behaviour as documented by Dintero</h2>
 * Bearer tokens from HTTP Basic client credentials ({@code grant_type=client_credentials}, the
 * audience must end with {@code /accounts/{aid}}, account pattern {@code ^[PT]\d{8}$}); errors as
 * {@code {"error":{"code","message","errors":[{"field","message"}]}}} with a {@code request-id}
 * header. Session validation: {@code profile_id}, {@code url.return_url} (absolute http(s)), {@code
 * url.callback_url} if present, {@code order.currency} (ISO 4217), {@code merchant_reference},
 * {@code order.amount} = Σ {@code items[].amount} + {@code shipping_option.amount}, per item a
 * unique non-empty string {@code line_id}, {@code vat} 0-100 with at most 2 decimals, integer
 * {@code amount}, {@code quantity} &gt; 0 and, when given, {@code vat_amount} = round(amount · vat
 * / (100 + vat)) ± 1. The transaction state machine: AUTHORIZED|PARTIALLY_CAPTURED → capture →
 * PARTIALLY_CAPTURED|CAPTURED; AUTHORIZED → void → AUTHORIZATION_VOIDED; CAPTURED|PARTIALLY_REFUNDED
 * → refund → PARTIALLY_REFUNDED|REFUNDED; PARTIALLY_CAPTURED(_REFUNDED) → refund →
 * PARTIALLY_CAPTURED_REFUNDED; ON_HOLD → AUTHORIZED|FAILED; DECLINED, FAILED and voided
 * transactions refuse everything. Return URL: {@code transaction_id} (not on failure), {@code
 * merchant_reference}, {@code error=authorization|cancelled}; the return URL's own query is kept.
 * Callback: GET by default, POST with the transaction as body when the URL has {@code method=POST}
 * ({@code includes=session} adds the session); query {@code transaction_id}, {@code session_id}
 * (or {@code sid} with {@code sid_parameter_name=sid}), {@code merchant_reference}, {@code time},
 * and {@code error} with {@code report_error=true}, {@code event}/{@code event_id} with {@code
 * report_event=CAPTURE|REFUND|VOID}; header {@code event-delivery}; {@code Dintero-Signature: t=..,
 * v0-hmac-sha256=..} once a secret exists; retries on 5xx, timeouts and connection errors, not on
 * 4xx.
 *
 * <h2>Choices where Dintero's documentation is silent (the adapter should assume the same)</h2>
 * <ul>
 *   <li>Redirects after the hosted page also carry {@code session_id} (Dintero documents it only for
 *       {@code in_app}); the page's buttons have ids {@code approve}, {@code hold}, {@code decline},
 *       {@code cancel}. Decline creates a DECLINED transaction (visible in {@code GET /transactions}
 *       and in the session) but, as documented, the redirect carries no {@code transaction_id}. A
 *       repeated form post lands on the first redirect; a decline is final for the session.</li>
 *   <li>Callbacks for AUTHORIZED and ON_HOLD are always sent, and a second one when a held payment
 *       is decided; failed or cancelled payments only with {@code report_error=true} (then without
 *       {@code transaction_id}). Callbacks go to http and localhost too (Dintero requires HTTPS and
 *       refuses localhost). {@code delay_callback} is honoured up to 60 s (configurable). The
 *       signature sorts query parameters by name, then value. Repeated deliveries of one callback
 *       (retries, the {@code duplicate} fault) keep the same {@code event-delivery} id; each attempt
 *       is signed with a fresh timestamp. A POST callback reporting an error has body {@code {}}.</li>
 *   <li>{@code order.items} must not be empty. Item amounts may be negative (discount, gift card
 *       lines); those lines then move towards their negative limit.</li>
 *   <li>The hosted page pays with {@code dintero_psp.creditcard} unless the form (or JSON) names
 *       another {@code payment_product_type} ({@code vipps}, {@code klarna.klarna},
 *       {@code payex.creditcard}), so a test can pay with a product that voids after a part capture.</li>
 *   <li>The back office needs no API token (it is the admin's browser session); its captures,
 *       refunds and voids are the API's, with {@code created_by} {@code backoffice-user}.</li>
 *   <li>Capture and refund amounts must be positive int32. With {@code items}, their amounts must
 *       add up to {@code amount}, each {@code line_id} must exist on the transaction (the shipping
 *       option counts when it has a {@code line_id}) and no line may be captured beyond its
 *       authorised amount or refunded beyond what was captured on it (after a capture without
 *       items, beyond its authorised amount). No capture after a refund on a partly captured
 *       transaction (state machine as documented). A void after a part capture releases the rest
 *       for the product types the spec lists and is refused for the others; the transaction then
 *       stays {@code PARTIALLY_CAPTURED} with nothing left to capture (the status Dintero shows then
 *       is not documented). Errors: 400 with codes {@code
 *       invalid_transaction_state}, {@code amount_exceeds_authorized}, {@code
 *       amount_exceeds_captured}, {@code items_amount_mismatch}, {@code unknown_line_id}, {@code
 *       line_amount_exceeded}, {@code void_not_allowed}, {@code validation_error}.</li>
 *   <li>{@code capture_reference} / {@code refund_reference} are the merchant's labels, kept as the
 *       event's {@code event_reference}, never dedupe keys: the spec documents no idempotency for
 *       these calls and the WooCommerce plugin sends its order id on every capture. Operations
 *       always answer 200, never Dintero's asynchronous 202.</li>
 *   <li>{@code GET /transactions} answers a JSON array, newest first, filtered by {@code
 *       merchant_reference}, {@code session_id} and {@code status}.</li>
 *   <li>Session cancel voids an AUTHORIZED transaction, is a no-op when already cancelled, and is
 *       refused (400) once money was captured or while ON_HOLD.</li>
 *   <li>Orders API: draft creation and completion answer 200; the order id comes from {@code
 *       options.generate_order_id} ({@code ALPHANUMERIC_n} upper-case letters and digits, or {@code
 *       NUMERIC_n}) or from {@code order.id}; order {@code line_id}s are integers (numeric strings
 *       accepted in records); completing twice is 409. A record's {@code amount}, when sent, must equal
 *       Σ items. Records are stored and returned with {@code id}, {@code amount} (Σ items), {@code created_at}, {@code created_by}; successful records
 *       must stay within the order per line (authorised ≤ line gross, captured ≤ authorised,
 *       refunded ≤ captured), and a cancelled order takes no new authorizations or captures. {@code
 *       payment_status} is derived: pending, authorized, partially_captured, captured,
 *       partially_refunded, refunded.</li>
 *   <li>The admin secret endpoint accepts a bearer token as well as {@code x-api-key} and rotates
 *       the secret on every call (64 hex characters). Tokens look like JWTs but are opaque.</li>
 * </ul>
 */
package io.checkoutbridge.sandbox.dintero;
