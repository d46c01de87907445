/**
 * Felloh (UK travel payments) simulator: the token endpoint, the agent API for ecommerce sessions,
 * transactions and refunds, the hosted payment page, and signed webhooks.
 *
 * <h2>Base URLs</h2>
 * <ul>
 *   <li>API host ({@code https://api.felloh.com}): {@code {app}/sandbox/felloh}</li>
 *   <li>Hosted page and iframe ({@code https://pay.felloh.com/embed}): {@code
 *       {app}/sandbox/felloh/embed}, the session id appended: {@code /embed/{ecommerceId}}</li>
 * </ul>
 *
 * <h2>Known credentials</h2>
 * Public key {@value io.checkoutbridge.sandbox.felloh.FellohSimulator#PUBLIC_KEY}, private key
 * {@value io.checkoutbridge.sandbox.felloh.FellohSimulator#PRIVATE_KEY}, organisation
 * {@value io.checkoutbridge.sandbox.felloh.FellohSimulator#ORGANISATION}. Settings (builder or
 * system property): {@code checkoutbridge.sandbox.felloh.webhook-url} (none: no webhooks), {@code
 * ...webhook-secret} (none: webhooks go unsigned), {@code ...refund-approval-above} (minor units,
 * default 10000), {@code ...token-ttl-seconds} (default 3600).
 *
 * <h2>Endpoints and fault operations</h2>
 * <table>
 *   <caption>Routes</caption>
 *   <tr><th>Method and path</th><th>Operation</th></tr>
 *   <tr><td>POST /token</td><td>token</td></tr>
 *   <tr><td>PUT /agent/ecommerce</td><td>create_ecommerce</td></tr>
 *   <tr><td>POST /agent/ecommerce</td><td>list_ecommerce</td></tr>
 *   <tr><td>GET /agent/ecommerce/{id}</td><td>get_ecommerce</td></tr>
 *   <tr><td>DELETE /agent/ecommerce/{id}</td><td>delete_ecommerce</td></tr>
 *   <tr><td>POST /agent/ecommerce/{id}/assign</td><td>assign_ecommerce</td></tr>
 *   <tr><td>POST /agent/transactions</td><td>list_transactions</td></tr>
 *   <tr><td>GET /agent/transactions/{id}</td><td>get_transaction</td></tr>
 *   <tr><td>GET /agent/transactions/{id}/complete</td><td>complete</td></tr>
 *   <tr><td>GET /agent/transactions/{id}/reverse</td><td>reverse</td></tr>
 *   <tr><td>POST /agent/transactions/{id}/refund</td><td>refund</td></tr>
 *   <tr><td>POST /agent/refunds</td><td>list_refunds</td></tr>
 *   <tr><td>GET /agent/refunds/{authorisation_code}/authorise|decline</td><td>decide_refund</td></tr>
 *   <tr><td>GET /enums</td><td>enums</td></tr>
 *   <tr><td>GET|POST /embed/{ecommerceId}</td><td>pay_page</td></tr>
 *   <tr><td>GET|POST /_settings (sandbox control, no faults)</td><td>-</td></tr>
 *   <tr><td>(webhooks the sandbox sends)</td><td>callback</td></tr>
 * </table>
 *
 * <h2>Behaviour as documented by Felloh</h2>
 * {@code POST /token {public_key, private_key}} answers {@code {token, expiry_time (unix seconds),
 * type: "BEARER"}}; every other call needs {@code Authorization: Bearer}. Every answer is the
 * envelope {@code {data, errors[], meta{code, reason, message, request_id, count?}}}; errors are
 * {@code {title, message, documentation_url, type, code}} with {@code meta{request_id, code,
 * status}}. Verbs: list = POST, create = PUT, get = GET, delete = DELETE. Sessions take {@code
 * customer_name}, {@code email}, {@code organisation}, {@code amount} (lowest denomination), and
 * optionally {@code booking_id}, {@code customer_id}, {@code open_banking_enabled}, {@code
 * card_enabled}, {@code expires_at} (default 30 days), {@code currency} (default {@code GBX}),
 * {@code authorisation_only} (default false), {@code surcharging_enabled} (default true), {@code
 * dcc_enabled}, {@code excluded_card_types}, {@code excluded_card_regions} ({@code DOMESTIC},
 * {@code INTER}, {@code INTRA}), {@code hide_store_card}, {@code store_card_forced}. Lists are
 * newest first with {@code skip}/{@code take}, {@code keyword}, {@code date_from}/{@code date_to}
 * and a required {@code organisation}. A session with a transaction cannot be deleted. A
 * pre-authorisation ({@code authorisation_only}) is completed or reversed with a GET. A refund
 * takes {@code {amount, description?, metadata?}}. Webhooks carry {@code x-signature}, the hex
 * HMAC-SHA256 of the raw body under the webhook secret.
 *
 * <h2>Choices where Felloh's documentation is silent (the adapter assumes the same)</h2>
 * <ul>
 *   <li>Currencies: {@code GBX}, {@code EUX}, {@code USX}, each 1/100 of GBP, EUR, USD; others
 *       are refused (422 {@code currency.invalid}).</li>
 *   <li>Transaction statuses: {@code AUTHORISED} (pre-authorised), {@code COMPLETE}, {@code
 *       PARTIALLY_REFUNDED}, {@code REFUNDED}, {@code REVERSED}, {@code DECLINED} ({@code PENDING}
 *       and {@code FAILED} are listed in {@code GET /enums} but never produced). Transactions carry
 *       their {@code refunds[]} and an {@code ecommerce {id}} reference. Refund statuses ({@code
 *       status: {id}}): {@code PENDING_AUTHORISATION}, {@code COMPLETE}, {@code DECLINED}.</li>
 *   <li>Refund approval: a refund of more than {@code refund-approval-above} minor units (default
 *       10000, i.e. 100.00) waits in {@code PENDING_AUTHORISATION} until {@code GET
 *       /agent/refunds/{authorisation_code}/authorise} (then COMPLETE) or {@code /decline}; its
 *       amount is held meanwhile, so nothing can be refunded twice. Refunds at or below the
 *       threshold complete at once. Only COMPLETE, PARTIALLY_REFUNDED transactions can be refunded;
 *       too large an amount is 422 {@code refund.amount_exceeds_available}.</li>
 *   <li>The hosted page returns the shopper to the {@code return_url} query parameter of the page
 *       URL (or the same form field), appending {@code ecommerce_id}, {@code transaction_id} and
 *       {@code status}; the URL's own query (the shop's seal) is kept. Buttons (ids and {@code
 *       action} values): {@code card}, {@code open_banking}, {@code decline}. A card payment on an
 *       {@code authorisation_only} session is AUTHORISED, otherwise COMPLETE; open banking is
 *       always COMPLETE (a bank transfer cannot be held). A declined card may be retried on the
 *       same session; once money is committed a repeated submit lands on the first result. An
 *       expired session answers 410.</li>
 *   <li>{@code expires_at} given as a date lasts until the end of that day (UTC) and must be in the
 *       future; it is echoed as an ISO instant.</li>
 *   <li>{@code meta.count} is sent as a string, as Felloh sometimes does; clients accept both.</li>
 *   <li>Validation failures are 422 with one error per field, {@code code = "<field>.invalid"} and
 *       a message starting with the field name; an organisation other than the known one is 403;
 *       refused state changes (complete, reverse, delete, refund) are 422 with codes {@code
 *       transaction.not_authorised}, {@code ecommerce.has_transactions}, {@code
 *       transaction.not_refundable}, {@code refund.not_pending}.</li>
 *   <li>Webhooks: one URL for the organisation (as in Felloh's dashboard), set by setting or at run
 *       time with {@code POST /sandbox/felloh/_settings {"webhook_url","webhook_secret"}}. Body
 *       {@code {event, data, created_at}}; events {@code transaction.complete}, {@code
 *       transaction.authorised}, {@code transaction.declined}, {@code transaction.reversed} (data:
 *       the transaction) and {@code refund.pending_authorisation}, {@code refund.complete}, {@code
 *       refund.declined} (data: the refund). Headers {@code x-signature}, {@code x-delivery-id}.
 *       Retried on 5xx and timeouts like every sandbox callback.</li>
 *   <li>{@code POST /sandbox/felloh/_settings} also takes {@code refund_approval_above} and {@code
 *       revoke_tokens: true} (every issued token then answers 401, to exercise clients' renewal);
 *       {@code GET} shows the settings without the secret. {@code POST /sandbox/_reset} restores
 *       the configured settings.</li>
 * </ul>
 */
package io.checkoutbridge.sandbox.felloh;
