/**
 * Felloh (UK travel payments): a payment link paid on Felloh's hosted page, or an ecommerce session
 * paid in Felloh's iframe inside the shop's page, by card or open banking, with optional
 * pre-authorisation.
 *
 * <p>Sources: {@code felloh-org/node-sdk} (SDK types {@code src/types/*.ts}, resources
 * {@code src/resources/*.ts}, {@code src/webhooks.ts}, {@code src/pagination.ts}),
 * {@code felloh-org/payment-sdk} ({@code src/index.js}, {@code src/const/*}), and
 * developers.felloh.com (ecommerce, payment links, transactions, refunds, pre-authorisation guide).
 *
 * <h2>Flow</h2>
 * <ol>
 *   <li>Token: {@code POST /token {public_key, private_key}} → {@code data.token}, valid until
 *       {@code data.expiry_time} (unix seconds). Cached, renewed 60 s before it expires, dropped on
 *       a 401. Every call sends {@code Authorization: Bearer …} and {@code Accept: application/json}.
 *   <li>Start, {@code checkout-mode=payment-link} (the default): {@code PUT /agent/payment-links}
 *       (node-sdk {@code CreatePaymentLinkParams}) with {@code customer_name}, {@code email},
 *       {@code organisation}, {@code amount}, {@code currency}, {@code type} ({@code CARD}, as the
 *       SDK's integration test), {@code description}, {@code booking_id?}, the method flags,
 *       {@code authorisation_only}, {@code surcharging_enabled:false}, {@code expires_at}, and
 *       {@code success_url}, {@code failure_url}, {@code cancel_url}: all three the plugin's sealed
 *       return URL. The shopper is redirected to the link's hosted page {@code {link-url}/{id}}
 *       and comes back to the return endpoint, which asks Felloh.
 *   <li>Start, {@code checkout-mode=embedded}: {@code PUT /agent/ecommerce} (node-sdk
 *       {@code CreateEcommerceParams}; it has no return URL), answered with
 *       {@code Embed("felloh-iframe", {ecommerceId, url, origin, returnUrl}, no fallback)}. The
 *       shop's page loads {@code url} = {@code {pay-url}/{id}} in an iframe exactly as payment-sdk
 *       {@code renderIframe} does (no query: Felloh documents that URL only as an iframe source and
 *       knows no return URL), listens for the iframe's {@code postMessage} (a JSON string
 *       {@code {stage, transactionID, iframe_height}}, from {@code origin} only), and on
 *       {@code stage} {@code success} or {@code declined} posts to {@code returnUrl}; the plugin
 *       then asks Felloh. The webhook applies either way.
 *   <li>State: {@code GET /agent/payment-links/{id}} or {@code GET /agent/ecommerce/{id}}, then
 *       {@code GET /agent/transactions/{txId}} for its {@code transactions[]} (the remembered one
 *       first, then newest first, at most 10) until one that committed money; its refunds from
 *       the refunds list.
 *   <li>Capture: {@code GET /agent/transactions/{id}/complete}; void:
 *       {@code GET /agent/transactions/{id}/reverse} (node-sdk {@code TransactionsResource}).
 *   <li>Refund: {@code POST /agent/transactions/{id}/refund {amount, description, metadata}}; the
 *       answer carries no data (node-sdk: {@code FellohResponse<void>}), so the refund is found in
 *       {@code POST /agent/refunds {organisation, skip, take}}, read page by page (100 a page) until
 *       a page is short or {@code meta.count} is reached, filtered by {@code transaction.id} and
 *       matched by {@code metadata.idempotency_key}. Approval: {@code GET
 *       /agent/refunds/{authorisation_code}/authorise} or {@code /decline}
 *       ({@link io.checkoutbridge.provider.felloh.FellohProvider#authoriseRefund},
 *       {@link io.checkoutbridge.provider.felloh.FellohProvider#declineRefund}).
 *   <li>Webhooks: {@code X-Signature} = hex HMAC-SHA256(webhook secret, raw body) (node-sdk
 *       {@code src/webhooks.ts}), compared in constant time; the dedupe key is {@code felloh:} + the
 *       SHA-256 of the body.
 *   <li>Enums: {@code GET /enums} (node-sdk {@code EnumsResponse}), read when a currency other
 *       than GBP is used, kept 6 hours.
 *   <li>Administration ({@link io.checkoutbridge.provider.felloh.FellohProvider} public methods):
 *       list sessions ({@code POST /agent/ecommerce} with {@code skip}/{@code take},
 *       {@code keyword}, {@code date_from}/{@code date_to}), delete an unused session
 *       ({@code DELETE /agent/ecommerce/{id}}), assign a session to a booking
 *       ({@code POST /agent/ecommerce/{id}/assign}), list refunds awaiting approval and authorise or
 *       decline them.
 * </ol>
 *
 * <h2>Refs</h2>
 * <ul>
 *   <li>{@code payment_link_id} or {@code ecommerce_id}: the link or session, from {@code start}.
 *       It is also the merchant reference: neither carries a field for the shop's order
 *       reference, so the state check compares the id Felloh reports ({@code data.id}) with the
 *       one created.
 *   <li>{@code transaction_id}: the transaction that paid, from {@code fetchState}. Capture, void
 *       and refund use it; when it is missing they look it up with reads first.
 * </ul>
 *
 * <h2>Choices where Felloh's documentation is silent</h2>
 * <ul>
 *   <li><b>Currencies.</b> Only {@code GBX} (pence of GBP) is documented; it is sent without
 *       asking. Any other currency is sent only under a code {@code GET /enums} lists with that
 *       {@code major_unit} and a {@code division_factor} equal to its minor unit; otherwise the
 *       cart is refused with an {@code InvalidRequestException} before anything is created.
 *       Amounts are converted exactly and never rounded; totals above 2<sup>31</sup>−1 minor
 *       units are refused (Felloh types the amount as an integer).
 *   <li><b>Return to the shop.</b> No {@code return_url} on any Felloh URL. A payment link returns
 *       through its documented {@code success_url}/{@code failure_url}/{@code cancel_url}; whatever
 *       Felloh appends is ignored, the plugin asks Felloh. The iframe returns nothing by itself:
 *       the shop's page follows its {@code postMessage}. Where the hosted page of a link lives
 *       ({@code https://pay.felloh.com/{id}}) is read from the link object's example default
 *       {@code success_url} ({@code https://pay.felloh.com/{id}/success}); it is configurable as
 *       {@code link-url}.
 *   <li><b>Capture now or later.</b> {@code authorisation_only} is true only when both
 *       {@code checkout-bridge.felloh.authorisation-only} is true (default false: Felloh's account
 *       manager enables pre-authorisation per account) and the storefront asks to capture later;
 *       otherwise Felloh takes the money at checkout. When Felloh refuses a creation with
 *       {@code authorisation_only} (a 403, or a 4xx whose error speaks of authorisation), the start
 *       fails with a {@code configuration} error saying so.
 *   <li><b>Surcharges.</b> {@code surcharging_enabled} is sent as false (Felloh's default is true):
 *       a surcharge would make Felloh's amount differ from the order total the ledger holds.
 *   <li><b>Session expiry.</b> {@code expires_at} is sent as a date (as in Felloh's example):
 *       today (UTC) plus {@code session-expiry}, which must be at least one day. A date-only expiry
 *       read back is taken to end at the end of that day (UTC).
 *   <li><b>Transaction statuses</b> ({@code COMPLETE} is documented; the transactions page speaks of
 *       completed, pending and failed, the pre-authorisation guide of authorised, completed and
 *       reversed; the full list is served by {@code GET /enums}):
 *       <table>
 *         <caption>status → ledger</caption>
 *         <tr><th>Felloh</th><th>authorisation</th><th>amounts</th></tr>
 *         <tr><td>COMPLETE, COMPLETED</td><td>AUTHORIZED</td><td>captured = transaction amount</td></tr>
 *         <tr><td>REFUNDED, PARTIALLY_REFUNDED</td><td>AUTHORIZED</td><td>captured = amount; refunded from
 *             the refunds list (all of it for REFUNDED when none are listed)</td></tr>
 *         <tr><td>AUTHORISED (pre-authorised)</td><td>AUTHORIZED</td><td>nothing captured</td></tr>
 *         <tr><td>REVERSED</td><td>AUTHORIZED</td><td>voided = amount</td></tr>
 *         <tr><td>PENDING, PROCESSING, IN_PROGRESS</td><td>PENDING</td><td>–</td></tr>
 *         <tr><td>DECLINED, REJECTED</td><td>DECLINED</td><td>–</td></tr>
 *         <tr><td>FAILED, EXPIRED, CANCELLED, ERROR, ABANDONED</td><td>FAILED</td><td>–</td></tr>
 *         <tr><td>any other word</td><td>PENDING: ask again later, logged once, never a
 *             failure</td><td>–</td></tr>
 *       </table>
 *       A link or session without any transaction is NONE, or FAILED once its {@code expires_at}
 *       has passed. Among several transactions the one that committed money wins.
 *   <li><b>Refund statuses</b> ({@code status.id}, node-sdk {@code Refund}): AUTHORISED and COMPLETE
 *       count as refunded; PENDING_AUTHORISATION is "awaiting approval at Felloh"; DECLINED,
 *       REJECTED, FAILED, CANCELLED release the refund (reported as refused by its authorisation
 *       code and its idempotency key); any other word waits, logged once.
 *   <li><b>Partial capture and void.</b> {@code complete} and {@code reverse} take no amount, so
 *       only the whole payment can be captured or voided: capabilities list {@code CAPTURE} and
 *       {@code VOID} but neither {@code PARTIAL_CAPTURE} nor {@code VOID_REMAINING}, and any other
 *       amount is refused with an {@code InvalidRequestException} before any call.
 *   <li><b>Idempotency.</b> Felloh documents no idempotency key. {@code complete} and
 *       {@code reverse} act on a transaction's state and are harmless to repeat after a 401 (Felloh
 *       did nothing); a refund is never sent twice, not even after a 401. Its {@code metadata}
 *       carries the action's idempotency key, payment id and order reference, by which this
 *       adapter (and a person) finds it in the refunds list. Nothing is retried after a timeout or a 5xx: the engine resolves the outcome with
 *       {@code fetchState}.
 *   <li><b>Errors.</b> The envelope's {@code errors[]} ({@code title}, {@code message},
 *       {@code code}) become the exception message; the request id is {@code meta.request_id}.
 *       A refused delete (Felloh refuses once the session has a transaction) is an
 *       {@code IllegalTransitionException} saying so.
 *   <li><b>Webhooks.</b> The payload is not documented; only the signature is verified, the body
 *       is used for nothing but the log line ({@code event} and {@code data.id}), and the engine
 *       re-fetches the state. Felloh's webhook destination is configured per organisation at Felloh,
 *       not per session, so the delivery carries no payment id or seal of ours.
 * </ul>
 */
package io.checkoutbridge.provider.felloh;
