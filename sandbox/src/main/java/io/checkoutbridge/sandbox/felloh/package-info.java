/**
 * Felloh (UK travel payments) simulator: the token endpoint, the agent API for ecommerce sessions,
 * payment links, transactions and refunds, Felloh's two shopper pages (a payment link's hosted page
 * and an ecommerce session's iframe), and signed webhooks. Rebuilt from Felloh's own sources:
 * {@code felloh-org/node-sdk} (types {@code src/types/*.ts}, resources {@code src/resources/*.ts},
 * {@code src/webhooks.ts}, {@code src/pagination.ts}, {@code src/http.ts}), {@code
 * felloh-org/payment-sdk} ({@code src/index.js}, {@code src/const/*}, {@code src/util/is-uuid}),
 * developers.felloh.com (ecommerce, payment links, transactions, errors, pre-authorisation guide)
 * and seed 003 (the ecommerce API page).
 *
 * <h2>Base URLs</h2>
 * <ul>
 *   <li>API host ({@code https://api.felloh.com}): {@code {app}/sandbox/felloh}</li>
 *   <li>Iframe ({@code https://pay.felloh.com/embed/{ecommerceId}}): {@code
 *       {app}/sandbox/felloh/embed/{ecommerceId}}</li>
 *   <li>Payment link page ({@code https://pay.felloh.com/{linkId}}): {@code
 *       {app}/sandbox/felloh/pay/{linkId}}</li>
 * </ul>
 *
 * <h2>Known credentials and settings</h2>
 * Public key {@value io.checkoutbridge.sandbox.felloh.FellohSimulator#PUBLIC_KEY}, private key
 * {@value io.checkoutbridge.sandbox.felloh.FellohSimulator#PRIVATE_KEY}, organisation
 * {@value io.checkoutbridge.sandbox.felloh.FellohSimulator#ORGANISATION}. Settings (builder or
 * system property): {@code checkoutbridge.sandbox.felloh.webhook-url} (none: no webhooks), {@code
 * ...webhook-secret} (none: webhooks go unsigned), {@code ...refund-approval-above} (minor units,
 * default 10000), {@code ...pre-authorisation} (default false), {@code ...token-ttl-seconds}
 * (default 3600). {@code POST /sandbox/felloh/_settings} changes {@code webhook_url}, {@code
 * webhook_secret}, {@code refund_approval_above}, {@code pre_authorisation} and takes {@code
 * revoke_tokens: true}; {@code GET} shows them without the secret.
 *
 * <h2>Routes and fault operations</h2>
 * <table>
 *   <caption>Routes</caption>
 *   <tr><th>Method and path</th><th>Operation</th></tr>
 *   <tr><td>POST /token</td><td>token</td></tr>
 *   <tr><td>PUT /agent/ecommerce</td><td>create_ecommerce</td></tr>
 *   <tr><td>PUT /agent/payment-links</td><td>create_payment_link</td></tr>
 *   <tr><td>GET /agent/payment-links/{id}</td><td>get_payment_link</td></tr>
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
 *   <tr><td>GET|POST /embed/{ecommerceId}, GET|POST /pay/{linkId}</td><td>pay_page</td></tr>
 *   <tr><td>GET|POST /_settings (sandbox control, no faults)</td><td>-</td></tr>
 *   <tr><td>(webhooks the sandbox sends)</td><td>callback</td></tr>
 * </table>
 *
 * <h2>What it checks or does, and the source of each</h2>
 * <table>
 *   <caption>Checks and sources</caption>
 *   <tr><th>Check or behaviour</th><th>Source</th></tr>
 *   <tr><td>{@code POST /token {public_key, private_key}} answers {@code {token, expiry_time, type}};
 *       every other call needs {@code Authorization: Bearer}, else 401</td>
 *       <td>node-sdk {@code src/auth.ts}; developers.felloh.com authentication</td></tr>
 *   <tr><td>Envelope {@code {data, errors[], meta{code, reason, message, request_id, count?}}};
 *       errors {@code {title, message, documentation_url, type, code}}; {@code meta.count} sent as
 *       a string</td>
 *       <td>node-sdk {@code src/types/common.ts}, {@code src/http.ts} ({@code Number(count)});
 *       developers.felloh.com errors</td></tr>
 *   <tr><td>Verbs: list = POST, create = PUT, get = GET, delete = DELETE, action = GET</td>
 *       <td>node-sdk {@code src/resources/base.ts}, {@code transactions.ts}, {@code refunds.ts}</td></tr>
 *   <tr><td>Ecommerce create: {@code customer_name}, {@code email}, {@code organisation},
 *       {@code amount} (integer ≥ 1) required; optional fields and defaults (currency GBX, expiry
 *       30 days, surcharging on); refuses {@code success_url}, {@code failure_url},
 *       {@code cancel_url}, {@code return_url} (422)</td>
 *       <td>seed 003 (Create One); node-sdk {@code CreateEcommerceParams} (no URL field)</td></tr>
 *   <tr><td>Payment link create: the same, plus {@code type} required (one of
 *       {@code payment_link_type}), {@code description}, and {@code success_url},
 *       {@code failure_url}, {@code cancel_url} as absolute http(s) URLs (422 otherwise)</td>
 *       <td>node-sdk {@code CreatePaymentLinkParams}; {@code type} values: developers.felloh.com
 *       payment link object ({@code {"id":"UNKNOWN"}}) and node-sdk's integration test
 *       ({@code CARD}); the list itself is this sandbox's choice</td></tr>
 *   <tr><td>{@code GET /agent/payment-links/{id}} answers the link with {@code success_url},
 *       {@code failure_url}, {@code cancel_url}, {@code type{id}}, {@code transactions[]}</td>
 *       <td>developers.felloh.com payment link object</td></tr>
 *   <tr><td>{@code authorisation_only: true} is refused (422 {@code
 *       authorisation_only.not_enabled}) unless {@code pre-authorisation} is on</td>
 *       <td>developers.felloh.com pre-authorisation guide ("must be enabled by your account
 *       manager"); the error's shape is this sandbox's choice</td></tr>
 *   <tr><td>Currency: only {@code GBX} (422 {@code currency.invalid} otherwise); {@code GET /enums}
 *       lists {@code GBX {minor_unit, major_unit: GBP, division_factor: 100}}</td>
 *       <td>seed 003 and developers.felloh.com examples (GBX only); node-sdk
 *       {@code tests/integration/enums.test.ts}; shape {@code src/types/enums.ts}</td></tr>
 *   <tr><td>Transaction object: {@code status} a word, {@code payment_link{id, ...}} or the
 *       session, no {@code refunds[]}</td>
 *       <td>node-sdk {@code Transaction}; developers.felloh.com transaction object</td></tr>
 *   <tr><td>Pre-authorisation completed or reversed with GET, once, only while AUTHORISED (422
 *       {@code transaction.not_authorised})</td>
 *       <td>node-sdk {@code TransactionsResource.complete/reverse}; pre-authorisation guide</td></tr>
 *   <tr><td>Refund {@code {amount (integer), description?, metadata? (object)}}; the answer carries
 *       no data ({@code {}})</td>
 *       <td>node-sdk {@code RefundTransactionParams}, {@code refund(): FellohResponse<void>}</td></tr>
 *   <tr><td>Refunds list: {@code organisation} required, {@code skip}/{@code take} (take 1 to
 *       100), newest first, every refund of the organisation; other fields ({@code keyword}) filter
 *       nothing</td>
 *       <td>node-sdk {@code ListRefundsParams}, {@code Refund}, {@code src/pagination.ts}</td></tr>
 *   <tr><td>Refund object {@code {amount, status{id}, authorisation_code, authorised_at,
 *       organisation, completed_at, transaction{id, amount, booking}, metadata, created_at}}</td>
 *       <td>node-sdk {@code src/types/refunds.ts}</td></tr>
 *   <tr><td>Refund approval: authorise or decline by authorisation code, with GET, only while
 *       waiting (422 {@code refund.not_pending}); answers no data</td>
 *       <td>node-sdk {@code RefundsResource.authorise/decline} ({@code FellohResponse<void>})</td></tr>
 *   <tr><td>Iframe: only a UUID (404 otherwise), only the query {@code method}, {@code hpb},
 *       {@code hsc} (400 for anything else, so a {@code return_url} is refused); it tells its
 *       parent {@code postMessage(JSON.stringify({stage, transactionID, iframe_height}), '*')} with
 *       stages {@code rendered}, {@code success}, {@code declined}; it never navigates the shopper</td>
 *       <td>payment-sdk {@code src/index.js} ({@code renderIframe}, the {@code message} listener's
 *       {@code JSON.parse(e.data)}), {@code src/const/progress}, {@code src/util/is-uuid}</td></tr>
 *   <tr><td>Payment link page: a full page; paid → 303 to {@code success_url}, declined → 303 to
 *       {@code failure_url}, cancel → 303 to {@code cancel_url}; nothing appended</td>
 *       <td>developers.felloh.com payment link object ("URL to redirect to upon payment
 *       success/failure/cancellation")</td></tr>
 *   <tr><td>Webhooks signed {@code x-signature} = hex HMAC-SHA256(secret, raw body)</td>
 *       <td>node-sdk {@code src/webhooks.ts}; checked against an OpenSSL-computed vector in
 *       FellohWebhookTest</td></tr>
 * </table>
 *
 * <h2>Choices where Felloh's sources are silent</h2>
 * <ul>
 *   <li>Transaction statuses produced: {@code AUTHORISED}, {@code COMPLETE}, {@code
 *       PARTIALLY_REFUNDED}, {@code REFUNDED}, {@code REVERSED}, {@code DECLINED}; {@code GET
 *       /enums} lists these and {@code PENDING}, {@code FAILED}. Refund statuses: {@code
 *       PENDING_AUTHORISATION}, {@code COMPLETE}, {@code DECLINED}.</li>
 *   <li>A refund of more than {@code refund-approval-above} minor units waits in {@code
 *       PENDING_AUTHORISATION}; its amount is held meanwhile. Too large an amount is 422 {@code
 *       refund.amount_exceeds_available}.</li>
 *   <li>Card on an {@code authorisation_only} payment is AUTHORISED, otherwise COMPLETE; open banking
 *       is always COMPLETE. A declined card may be retried; once money is committed a repeated
 *       submit lands on the first result. An expired payment answers 410.</li>
 *   <li>Webhooks: one URL for the organisation; body {@code {event, data, created_at}}; events
 *       {@code transaction.complete|authorised|declined|reversed} (data: the transaction) and
 *       {@code refund.pending_authorisation|complete|declined} (data: the refund). The payload is not
 *       documented by Felloh; clients should use it only to find the payment.</li>
 *   <li>Validation failures are 422, one error per field, {@code code = "<field>.invalid"}; an
 *       organisation other than the known one is 403.</li>
 * </ul>
 */
package io.checkoutbridge.sandbox.felloh;
