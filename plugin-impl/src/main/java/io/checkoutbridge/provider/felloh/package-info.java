/**
 * Felloh (UK travel payments): ecommerce sessions paid on Felloh's hosted page or iframe, by card
 * or open banking, with optional pre-authorisation.
 *
 * <h2>Flow</h2>
 * <ol>
 *   <li>Token: {@code POST /token {public_key, private_key}} → {@code data.token}, valid until
 *       {@code data.expiry_time} (unix seconds). Cached, renewed 60 s before it expires, dropped on
 *       a 401. Every call sends {@code Authorization: Bearer …} and {@code Accept: application/json}.
 *   <li>Start: {@code PUT /agent/ecommerce} with {@code customer_name}, {@code email},
 *       {@code organisation}, {@code amount} (the cart total in the lowest denomination),
 *       {@code currency}, {@code booking_id} (when the request has one), {@code open_banking_enabled},
 *       {@code card_enabled}, {@code excluded_card_types}/{@code excluded_card_regions} (when
 *       configured), {@code authorisation_only}, {@code surcharging_enabled:false} and
 *       {@code expires_at} → {@code data.id}. With a cached token this is the only round trip.
 *   <li>Shopper: redirected to {@code {pay-url}/{ecommerceId}?return_url={returnUrl}}, or, with
 *       {@code embedded=true}, shown {@code Embed("felloh-iframe", {ecommerceId, url, returnUrl},
 *       fallback = that same hosted page URL)}.
 *   <li>State: {@code GET /agent/ecommerce/{id}}, then {@code GET /agent/transactions/{txId}} for its
 *       transactions (the remembered one first, then newest first, at most 10) until one that
 *       committed money; refunds from the transaction's {@code refunds[]}, or, when a transaction
 *       does not carry that field, from {@code POST /agent/refunds} filtered to the transaction.
 *   <li>Capture: {@code GET /agent/transactions/{id}/complete}; void:
 *       {@code GET /agent/transactions/{id}/reverse}; refund:
 *       {@code POST /agent/transactions/{id}/refund {amount, description, metadata}}.
 *   <li>Webhooks: {@code x-signature} = hex HMAC-SHA256(webhook secret, raw body), compared in
 *       constant time; the dedupe key is {@code felloh:} + the SHA-256 of the body.
 *   <li>Administration ({@link io.checkoutbridge.provider.felloh.FellohProvider} public methods):
 *       list sessions ({@code POST /agent/ecommerce} with {@code skip}/{@code take},
 *       {@code keyword}, {@code date_from}/{@code date_to}), delete an unused session
 *       ({@code DELETE /agent/ecommerce/{id}}), assign a session to a booking
 *       ({@code POST /agent/ecommerce/{id}/assign}).
 * </ol>
 *
 * <h2>Refs</h2>
 * <ul>
 *   <li>{@code ecommerce_id}: the session, from {@code start}. It is also the merchant reference:
 *       Felloh's session carries no field for the shop's order reference, so the state check
 *       compares the session id Felloh reports ({@code data.id}) with the one created.
 *   <li>{@code transaction_id}: the transaction that paid, from {@code fetchState}. Capture, void
 *       and refund use it; when it is missing they look it up with reads first.
 * </ul>
 *
 * <h2>Choices where Felloh's documentation is silent</h2>
 * <ul>
 *   <li><b>Currencies.</b> {@code GBX} (pence) is documented. {@code EUR} is sent as {@code EUX} and
 *       {@code USD} as {@code USX} (cents), assumed to follow the same minor-unit convention; every
 *       other currency is refused with an {@code InvalidRequestException} before anything is sent.
 *       All three have 100 minor units; amounts are converted exactly and never rounded. Totals
 *       above 2<sup>31</sup>−1 minor units are refused (Felloh types the amount as an integer).
 *   <li><b>Return to the shop.</b> The create call has no return-URL field. The hosted page URL
 *       carries the sealed return URL in the {@code return_url} query parameter (kept whole, seal
 *       included); the sandbox honours it. In the embedded mode the storefront's page also gets
 *       {@code returnUrl} and navigates there when the iframe posts {@code stage: success} or
 *       {@code declined}. Against production Felloh, confirm with Felloh that the hosted page honours
 *       {@code return_url}, or have the success redirect configured on the account.
 *   <li><b>Capture now or later.</b> {@code authorisation_only} is true only when both
 *       {@code checkout-bridge.felloh.authorisation-only} is true and the storefront asks to capture
 *       later; otherwise Felloh takes the money at checkout.
 *   <li><b>Surcharges.</b> {@code surcharging_enabled} is sent as false (Felloh's default is true):
 *       a surcharge would make Felloh's amount differ from the order total the ledger holds.
 *   <li><b>Session expiry.</b> {@code expires_at} is sent as a date (as in Felloh's example):
 *       today (UTC) plus {@code session-expiry}, which must be at least one day. A date-only expiry
 *       read back is taken to end at the end of that day (UTC).
 *   <li><b>Transaction statuses</b> (only {@code COMPLETE} is documented; the status may arrive as a
 *       word or as {@code {"id": word}}):
 *       <table>
 *         <caption>status → ledger</caption>
 *         <tr><th>Felloh</th><th>authorisation</th><th>amounts</th></tr>
 *         <tr><td>COMPLETE, COMPLETED</td><td>AUTHORIZED</td><td>captured = transaction amount</td></tr>
 *         <tr><td>REFUNDED, PARTIALLY_REFUNDED</td><td>AUTHORIZED</td><td>captured = amount; refunded from
 *             its refunds (all of it for REFUNDED when none are listed)</td></tr>
 *         <tr><td>AUTHORISED (pre-authorised)</td><td>AUTHORIZED</td><td>nothing captured</td></tr>
 *         <tr><td>REVERSED</td><td>AUTHORIZED</td><td>voided = amount</td></tr>
 *         <tr><td>PENDING, PROCESSING and any unknown word</td><td>PENDING</td><td>–</td></tr>
 *         <tr><td>DECLINED, REJECTED</td><td>DECLINED</td><td>–</td></tr>
 *         <tr><td>FAILED, EXPIRED, CANCELLED, ERROR</td><td>FAILED</td><td>–</td></tr>
 *       </table>
 *       A session without any transaction is NONE, or FAILED once its {@code expires_at} has passed.
 *       Among several transactions the one that committed money wins over later declined attempts.
 *   <li><b>Refund statuses.</b> {@code PENDING_AUTHORISATION} (waiting for approval at Felloh, until
 *       {@code GET /agent/refunds/{authorisation_code}/authorise} or {@code /decline}),
 *       {@code AUTHORISED} (approved), {@code COMPLETE} (paid out), {@code DECLINED}. AUTHORISED and
 *       COMPLETE count as refunded; a refund answered {@code PENDING_AUTHORISATION}, or without a
 *       status, is reported as pending and settles through {@code fetchState}.
 *   <li><b>Partial capture and void.</b> {@code complete} and {@code reverse} take no amount, so
 *       only the whole payment can be captured or voided: capabilities list {@code CAPTURE} and
 *       {@code VOID} but neither {@code PARTIAL_CAPTURE} nor {@code VOID_REMAINING}, and any other
 *       amount is refused with an {@code InvalidRequestException} before any call.
 *   <li><b>Idempotency.</b> Felloh documents no idempotency key. {@code complete} and
 *       {@code reverse} act on a transaction's state and are harmless to repeat after a 401 (Felloh
 *       did nothing); a refund is never sent twice, not even after a 401. Its {@code metadata}
 *       carries the action's idempotency key, payment id and order reference, so a person can match
 *       it. Nothing is retried after a timeout or a 5xx: the engine resolves the outcome with
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
