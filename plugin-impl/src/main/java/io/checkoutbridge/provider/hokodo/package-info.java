/**
 * Hokodo: B2B "buy now, pay later". The buyer's business gets payment terms (30 days, 60 days…) on
 * an invoice; Hokodo holds the order value against the buyer's credit limit as a deferred payment,
 * the merchant captures on shipment and Hokodo collects from the buyer.
 *
 * <h2>Flow</h2>
 * <ol>
 *   <li>Company search (storefront, before checkout): {@link
 *       io.checkoutbridge.provider.hokodo.HokodoProvider#searchCompanies} ({@code POST
 *       companies/search} by country and registration number or name). The chosen company's
 *       {@code co-…} id may be passed as {@code Company.providerCompanyId}; otherwise {@code start}
 *       searches by registration number itself.
 *   <li>Organisation ({@code POST organisations}: company id, {@code unique_id}, {@code registered})
 *       and user ({@code POST users}: name, email, {@code registered}, {@code organisations:[{id,
 *       role: member}]}), each created once and remembered in the provider memory under
 *       {@code org:<country>:<registration number>} (or {@code org:<co-id>} when only Hokodo's id is
 *       known) and {@code user:<customer id, or lower-case email for guests>:<org id>}.
 *   <li>{@code POST payment/orders}: status {@code draft}, {@code unique_id} = the storefront's order
 *       reference, customer {@code {type: registered, organisation, user, delivery_address,
 *       invoice_address}}, currency, amounts and items from {@link
 *       io.checkoutbridge.provider.hokodo.HokodoMapper} (seed rules: see there), {@code order_date}
 *       (UTC), {@code metadata {payment_id, order_reference}}.
 *   <li>{@code POST payment/offers}: the order, {@code urls.success|failure|cancel} = our sealed
 *       return URL plus {@code outcome=success|failure|cancel}, {@code urls.notification} = our sealed
 *       callback URL (Hokodo does not sign notifications; the seal is the proof),
 *       {@code urls.merchant_terms} when configured, {@code locale} such as {@code en-gb}.
 *   <li>The shopper accepts a plan: redirect to the first offered plan's {@code payment_url}, or
 *       (checkout-mode {@code embedded}) {@code Embed("hokodo-checkout", {paymentOffer, sdkKey, sdkUrl},
 *       fallback payment_url)}, where {@code paymentOffer} is the whole offer object (JSON text) as
 *       Hokodo answered it: Hokodo's Magento plugin ({@code view/frontend/web/js/view/payment/
 *       method-renderer/bnpl-sdk.js}) loads the SDK script, calls {@code Hokodo(sdkKey).elements()
 *       .create("checkout", {paymentOffer: offer})} with the offer object, mounts it and waits for its
 *       {@code success} or {@code failure} event; the storefront then sends the shopper to the
 *       offer's {@code urls.success} (or {@code urls.failure}), our sealed return URL. With the buyer known, a checkout costs two calls (order, offer).
 *   <li>State: {@code GET payment/orders/{id}} (not expanded: {@code deferred_payment} is read as an
 *       id, or as an object's {@code id} if Hokodo expands it anyway), then {@code GET
 *       payment/deferred_payments/{id}} for status and ledger; with no deferred payment yet,
 *       {@code GET payment/offers/{id}} for the plans.
 *   <li>Post-sale: {@code POST payment/deferred_payments/{id}/capture|capture_remaining|refund|void|
 *       void_remaining} with {@code {"amount": <minor units>, "metadata": {payment_id, reason,
 *       lines}}} ({@code void_remaining} without amount) and the header {@code Idempotency-Key:
 *       <operation key>}. With a capture the storefront's invoice, with a refund its credit note, is
 *       first uploaded to {@code POST payment/orders/{order}/documents} (multipart {@code file,
 *       doc_type, description, amount, metadata="{}"}, header {@code Idempotency-Key: <operation
 *       key>:<doc type>}).
 *   <li>{@link io.checkoutbridge.provider.hokodo.HokodoProvider#updateUniqueId} patches the order's
 *       {@code unique_id} ({@code PATCH payment/orders/{id}}) once the shop's order number is known.
 * </ol>
 *
 * <h2>Refs kept per payment</h2>
 * {@code organisation_id}, {@code user_id}, {@code order_id}, {@code offer_id},
 * {@code payment_plan_id} (the plan shown), then from state {@code deferred_payment_id} and
 * {@code deferred_payment_number}. The merchant reference is the storefront's order reference; the
 * state reports it from the order's {@code metadata.order_reference} (falling back to
 * {@code unique_id}), so that patching {@code unique_id} later does not break the match.
 *
 * <h2>Status and amounts</h2>
 * Deferred payment {@code accepted}, {@code captured}, {@code part_captured}, {@code voided} (and the
 * older {@code fulfilled}, {@code part_fulfilled}) → AUTHORIZED; {@code pending_review},
 * {@code customer_action_required}, {@code pending_payment}, {@code accepted_pending_payment} →
 * PENDING; {@code rejected} → DECLINED; any other status is undecided (PENDING, logged once per
 * word): Hokodo publishes no complete list (the plugin's {@code DeferredPaymentInterface} and its
 * Playwright enum differ), and an unknown word must neither fail the payment nor break later fetches.
 * A post-sale answer is the post-sale event {@code {created, type, amount, currency, metadata,
 * changes}} without an {@code id} (the plugin's {@code PostSaleTest.php}); the operation's reference
 * is {@code <type>@<created>}. Captured = {@code protected_captures + unprotected_captures}; refunded = {@code refunds};
 * voided = {@code voided_authorisation + expired_authorisation} (expired authorisation is released
 * money too). Amount and currency come from the order. Before any deferred payment: NONE while a
 * plan is on offer; DECLINED when every plan was declined (or none was offered); FAILED when the
 * plans expired ({@code valid_until} passed or status {@code expired}). If Hokodo offers no plan at
 * checkout, {@code start} answers {@code Done(DECLINED)} (or FAILED) with that state at once.
 *
 * <h2>Choices where Hokodo's documentation is silent</h2>
 * <ul>
 *   <li>Post-sale verb: POST (Hokodo's current plugin); the older guide's PUT is not used.
 *   <li>Idempotency header name: {@code Idempotency-Key} (the guide says post-sale endpoints accept
 *       idempotency keys in headers without naming it). Sent on document uploads too, with a suffix.
 *   <li>{@code capture_remaining} carries the amount the ledger expects to be remaining, so Hokodo can
 *       refuse a mismatch; only {@code void_remaining} goes without an amount.
 *   <li>A 400, 409 or 422 answer to a post-sale action is a refusal of the operation
 *       ({@code OperationResult.declined}, message naming the fields); 401 → authentication error,
 *       5xx and timeouts → transient (never sent again by the adapter).
 *   <li>Documents are uploaded before the money call: a refused or failed upload stops the
 *       operation before any money moves, and no capture stays without its invoice.
 *   <li>Request id header: {@code X-Request-Id} (or {@code Request-Id}) when Hokodo sends one.
 *   <li>Item {@code tax_amount}: seed 001's rule "tax_amount = total_amount × tax / 100" (its
 *       example: 6000 at 20 % → 1200), although the same guide says {@code unit_price} and
 *       {@code total_amount} include tax, and Hokodo's Magento plugin sends {@code tax_amount: 0,
 *       tax_rate: "0"} ({@code Model/RequestBuilder/OrderBuilder.php}). The seed is the product
 *       specification, so its rule is kept; item taxes are rounded by largest remainder so the
 *       order's {@code tax_amount} is their exact sum and the exact total rounded once.
 *   <li>Decimals: seed 001's rule 5 allows minor units "up to 5 digits after the decimal point", but
 *       every public client sends integers (the Magento plugin {@code (int) round(x * 100)} in
 *       {@code OrderBuilder.php}; {@code inikoo/aurora} {@code floor}) and the guide's own request
 *       examples are integers. So integers are the default ({@code amount-decimals=0}); up to 5 may
 *       be allowed with {@code amount-decimals}. Items keep the cart's line total exactly: lines
 *       whose {@code total / quantity} is not an integer are split (integral quantities: {@code 3 ×
 *       1000} → {@code 2 × 333 + 1 × 334}) or completed by a rounding item (fractional quantities),
 *       and the preview says so. Quantities are strings with at least two
 *       decimals ({@code "5.00"}), tax rates strings with two ({@code "20.00"}); quantities with more
 *       than three decimals are refused (Hokodo stores three).
 *   <li>Item types: product, shipping, discount, fee; a gift card line goes as a discount.
 *   <li>Organisation {@code unique_id}: {@code <country>:<registration number>} (or the company id);
 *       whether Hokodo refuses a second organisation with the same {@code unique_id} is unknown.
 *   <li>Offer {@code locale}: lower-case language tag ({@code en-gb}) as in Hokodo's guide.
 *   <li>Webhook dedupe key: order id, deferred payment id and status, and the notification's
 *       {@code created} time, hashed.
 *   <li>Company search by registration number when the query is digits with at most a three-letter
 *       prefix ({@code SC123456}), otherwise by name.
 * </ul>
 */
package io.checkoutbridge.provider.hokodo;
