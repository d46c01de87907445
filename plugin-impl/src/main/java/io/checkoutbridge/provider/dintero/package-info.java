/**
 * Dintero Checkout, used together with Dintero's Order Management API.
 *
 * <h2>Flow</h2>
 * <ol>
 *   <li>Access token: {@code POST {api-url}/accounts/{aid}/auth/token}, HTTP Basic
 *       {@code client_id:client_secret}, body {@code grant_type=client_credentials} and
 *       {@code audience={api-url}/accounts/{aid}} (with the default api-url exactly Dintero's
 *       documented {@code https://api.dintero.com/v1/accounts/{aid}}). The token is cached until
 *       30 s before {@code expires_in} runs out; a 401 on any call invalidates it and the call is
 *       sent once more with a fresh token.
 *   <li>Draft order: {@code POST {api-url}/accounts/{aid}/shopping/draft_orders} with
 *       {@code options.generate_order_id=ALPHANUMERIC_9} and the mapped items (numeric
 *       {@code line_id}, {@code gross_amount}, {@code tax_lines}).
 *   <li>Complete: {@code PUT …/draft_orders/{id}/complete} with {@code {}}; the answer's
 *       {@code orders[0].id} is the order id.
 *   <li>Checkout session: {@code POST {checkout-url}/sessions-profile} with the profile, the return
 *       and callback URLs, and the order (amount, currency, VAT, items with string
 *       {@code line_id}); {@code merchant_reference} is the order id.
 *   <li>The shopper is redirected to the session's {@code url}. With a cached token a checkout
 *       takes three round trips.
 *   <li>State: the transaction, found by its remembered id or by listing
 *       {@code GET {checkout-url}/transactions?merchant_reference=<order id>}. The first time it is
 *       seen committed, the authorization is recorded on the order
 *       ({@code POST …/shopping/orders/{order_id}/authorizations}).
 *   <li>Capture, refund and void: {@code POST {checkout-url}/transactions/{id}/capture|refund|void},
 *       each followed by its record on the order ({@code …/captures}, {@code …/refunds},
 *       {@code …/cancellations}).
 *   <li>Sessions nobody should pay any more are cancelled ({@code POST {checkout-url}/sessions/
 *       {id}/cancel}, {@link io.checkoutbridge.provider.dintero.DinteroSessions}): an earlier
 *       attempt's when the shopper starts a new one for the same order, and one past its
 *       {@code expires_at} that no transaction came from (the payment then fails).
 * </ol>
 *
 * <h2>Refs kept per payment</h2>
 * <ul>
 *   <li>{@code draft_order_id}, {@code order_id} (also the merchant reference the engine checks),
 *       {@code session_id}: from {@code start}.
 *   <li>{@code transaction_id}: from the first state fetch that finds the transaction.
 *   <li>{@code order_authorization_recorded=true}: the authorization is on the order.
 *   <li>{@code order_recorded.<16 hex>=true}: a capture, refund or void is on the order; the hex is
 *       a SHA-256 prefix of {@code <EVENT>:<Dintero's event id>} (else its {@code request_id}), for
 *       operations made here and elsewhere (the back office, auto-capture) alike. Flags
 *       an earlier version set under the operation's idempotency key ({@code event_reference}) or
 *       {@code void} still count, so an upgrade records nothing twice.
 *   <li>{@code items_captured}, {@code items_refunded}: JSON {@code {"<line_id>":minor units}}, what
 *       each Dintero item holds; updated by every capture and refund, and replaced from the
 *       transaction's events at each state fetch (the truth).
 * </ul>
 *
 * <h2>Choices where Dintero's documentation is silent</h2>
 * <ul>
 *   <li><b>Discounts.</b> Dintero documents an item's {@code amount} as "including VAT and
 *       discounts" and negative amounts only for gift cards; its official plugins fold discounts
 *       into the lines. A discount line is therefore spread over the product lines in proportion to
 *       their amounts (largest remainder, exact to the minor unit), and onto fee and shipping lines
 *       only for what the products cannot absorb. The spread lines' VAT is recomputed at their own
 *       rates. The preview lists every spread. At capture and refund, an allocation to a discount
 *       line goes to the items that absorbed it, in the same proportions.
 *   <li><b>Gift cards</b> stay their own item, type {@code gift_card}, with a negative amount (as
 *       documented). Shipping is {@code shipping}, fees {@code surcharge}; products carry no type.
 *   <li><b>Line ids.</b> The checkout {@code line_id} is the cart line id (stable and unique,
 *       sent again at capture and refund). The Orders API wants a number: the item's 1-based
 *       position in the cart, which relies on the engine handing back the payment's lines in cart
 *       order.
 *   <li><b>Callbacks</b> stay GET (Dintero's default), with {@code report_error=true} appended so
 *       failed and declined payments are reported too, and {@code report_event=CAPTURE&report_event=
 *       REFUND&report_event=VOID} (the Payments spec changelog; the WooCommerce plugin's
 *       {@code Dintero_Checkout_Callback::callback_url} sends exactly this) so that a capture, refund
 *       or void made in Dintero's back office calls back too: like every callback it only makes the
 *       plugin fetch the transaction again, and the ledger records what the events show. {@code method=POST} is not used: the body is
 *       never trusted, and a whole transaction as body could exceed the callback endpoint's size
 *       limit, which Dintero would treat as a permanent failure.
 *   <li><b>Finding the transaction</b> without an id: the list filtered by
 *       {@code merchant_reference} (one call, and the order id is unique to the attempt). Of
 *       several transactions, a committed one wins over a pending one over a declined or failed one,
 *       then the newest. No transaction yet is {@code NONE}.
 *   <li><b>Amounts</b> are summed from the transaction's successful {@code CAPTURE},
 *       {@code REFUND} and {@code VOID} events; a void without amount released what was not
 *       captured. If an answer has no events, the final statuses give the amounts, and a partial
 *       status makes the adapter read the single transaction.
 *   <li><b>Order records</b> (authorization, capture, refund, cancellation) use seed 002's body
 *       {@code {items:[{amount,line_id}], payment_details:{payment_id}, success:true}} plus the
 *       top-level {@code amount} (the sum of the items) that the orders API reference shows on
 *       every record (docs.dintero.com api-reference, orderlist {@code aid_orders_id_captures_get},
 *       ordercancellations "Get Cancellation details"). The cancellation goes to
 *       {@code …/orders/{id}/cancellations} (api-reference "Create a cancellation for an order";
 *       the older overview page still names {@code …/cancel}). The full POST schemas were not
 *       readable; the shapes follow the records the API returns. Recording never fails the operation or the state
 *       fetch: the money has already moved, so a failure is logged and the next state fetch records
 *       what is missing, once, guarded by the ref flags above.
 *   <li><b>Outcomes.</b> 202 is {@code pending} (Dintero finishes asynchronously); 402, or an
 *       answer whose event for this request ({@code request_id} = the answer's request id, else the
 *       newest of its kind) has {@code success=false}, is {@code declined}.
 *       Timeouts and 5xx throw {@code TransientNetworkException} and are never sent again here.
 *   <li><b>References and idempotency.</b> {@code capture_reference} / {@code refund_reference}
 *       are the shop's order reference, as the WooCommerce plugin sends its order id
 *       ({@code class-dintero-checkout-capture-order.php}): that is what Dintero's settlement report
 *       shows an accountant. Dintero documents no idempotency for these calls; the operation's key
 *       goes in an {@code Idempotency-Key} header that nothing relies on: the adapter never sends
 *       an operation twice, and an unknown outcome is settled from the transaction's events.
 *   <li><b>Void</b> is sent without a body, as the API describes it, and only for everything still
 *       open. After a part capture it releases the rest only for the payment product types the
 *       Payments spec lists under "Void on part capture" ({@code payex.*}, {@code vipps},
 *       {@code klarna.klarna}, {@code klarna.billie}); for others (Dintero's own card acquiring,
 *       {@code dintero_psp}) it is refused before Dintero is asked.
 *   <li><b>Statuses.</b> {@code DECLINED} and {@code FAILED} are final failures. {@code UNKNOWN}
 *       (in the spec's status enum, undescribed), {@code INITIATED}, {@code ON_HOLD} and any status
 *       word this adapter does not know are undecided ({@code PENDING}, unknown words logged once),
 *       so a later authorization still counts.
 *   <li><b>Auto-capture.</b> A checkout with {@code captureLater=false} sets
 *       {@code configuration.auto_capture=true}; the capture then shows up in the state fetch.
 *   <li><b>Callback dedupe key</b>: the {@code event-delivery} header when present, else the
 *       transaction (or session), {@code time}, {@code event}, {@code event_id} and {@code error}
 *       query parameters.
 *   <li><b>Signature</b>: with {@code callback-signature-secret} set, a callback without a valid
 *       {@code Dintero-Signature} within {@code signature-tolerance} (either direction) is refused;
 *       without it, callbacks rest on the plugin's URL seal.
 * </ul>
 */
package io.checkoutbridge.provider.dintero;
