/**
 * Hokodo BNPL simulator (B2B deferred payments).
 *
 * <h2>Base URL and credentials</h2>
 * API ({@code https://api.hokodo.co/v1}): {@code {app}/sandbox/hokodo/v1}; paths are accepted with
 * and without a trailing slash. Every API call needs {@code Authorization: Token
 * {@value io.checkoutbridge.sandbox.hokodo.HokodoSimulator#API_KEY}} (or the key set with {@code
 * checkoutbridge.sandbox.hokodo.api-key}); DRF's 401 bodies {@code {"detail": "…"}} otherwise.
 * Setting {@code checkoutbridge.sandbox.hokodo.offer-ttl-seconds}: how long plans stay valid
 * (default 86400). Every answer carries an {@code X-Request-Id}.
 *
 * <h2>Endpoints and fault operations</h2>
 * <table>
 *   <caption>Routes</caption>
 *   <tr><th>Method and path</th><th>Operation</th></tr>
 *   <tr><td>POST v1/companies/search ({@code country} + {@code reg_number} or {@code name})</td>
 *       <td>company_search</td></tr>
 *   <tr><td>POST v1/organisations</td><td>organisation</td></tr>
 *   <tr><td>POST v1/users</td><td>user</td></tr>
 *   <tr><td>POST v1/payment/orders</td><td>order</td></tr>
 *   <tr><td>GET v1/payment/orders/{id}[?expand=deferred_payment], GET …/{id}/documents</td>
 *       <td>get_order</td></tr>
 *   <tr><td>PATCH v1/payment/orders/{id}</td><td>patch_order</td></tr>
 *   <tr><td>POST v1/payment/orders/{id}/documents (multipart)</td><td>document</td></tr>
 *   <tr><td>POST v1/payment/offers</td><td>offer</td></tr>
 *   <tr><td>GET v1/payment/offers/{id}</td><td>get_offer</td></tr>
 *   <tr><td>GET v1/payment/deferred_payments/{id}</td><td>get_deferred_payment</td></tr>
 *   <tr><td>POST|PUT v1/payment/deferred_payments/{id}/capture|capture_remaining</td>
 *       <td>capture</td></tr>
 *   <tr><td>POST|PUT …/refund</td><td>refund</td></tr>
 *   <tr><td>POST|PUT …/void|void_remaining</td><td>void</td></tr>
 *   <tr><td>GET|POST pay/{planId} (the plan's {@code payment_url})</td><td>pay_page</td></tr>
 *   <tr><td>GET|POST review/{deferredPaymentId}</td><td>decide</td></tr>
 *   <tr><td>GET js/hokodo-js/v1/ (stand-in for Hokodo's SDK script)</td><td>sdk</td></tr>
 *   <tr><td>(notifications the sandbox sends)</td><td>callback</td></tr>
 * </table>
 *
 * <h2>Test personas (the company register)</h2>
 * GB {@code 11215527} Acme Tools Ltd, GB {@code 11351988} Acme Tools Services Ltd, GB
 * {@code 01234567} Analytical Engines Ltd and FR {@code 552100554} Exemple Industrie SAS are
 * accepted; GB {@value io.checkoutbridge.sandbox.hokodo.HokodoSimulator#REVIEW_REG_NUMBER} Careful
 * Review Ltd is held in {@code pending_review} once a plan is accepted, until someone decides at
 * {@code review/{deferredPaymentId}} (form buttons {@code accept}, {@code reject}, or JSON {@code
 * {"action":"accept"}}); GB {@value io.checkoutbridge.sandbox.hokodo.HokodoSimulator#DECLINED_REG_NUMBER}
 * Declined Ventures Ltd gets only {@code declined} plans ({@code rejection_reason.code
 * buyer-credit-limit}). Guest orders and organisations of other companies are accepted.
 *
 * <h2>What the simulator checks, and why</h2>
 * <table>
 *   <caption>Checks and their sources</caption>
 *   <tr><th>Check</th><th>Source</th></tr>
 *   <tr><td>{@code Authorization: Token <key>}; 401 {@code {"detail"}} otherwise</td><td>seed 000
 *       (request examples); Magento plugin {@code Gateway/Request/AuthorizationBuilder.php},
 *       {@code etc/hokodo_error_mapping.xml}</td></tr>
 *   <tr><td>Paths with and without a trailing slash</td><td>Magento plugin {@code etc/di.xml} (none);
 *       {@code hokodo-tech/documentation} (trailing)</td></tr>
 *   <tr><td>Organisation needs {@code company}, {@code registered}; user needs {@code email},
 *       {@code name}, {@code registered}, organisations with a role</td><td>seed 000; Magento plugin
 *       {@code Model/RequestBuilder/OrganisationBuilder.php}, {@code UserBuilder.php}</td></tr>
 *   <tr><td>Order: customer type, organisation, user, invoice address with postcode</td><td>seed 000;
 *       Magento plugin {@code OrderBuilder.php}, {@code hokodo_error_mapping.xml}
 *       ({@code customer.invoice_address.postcode})</td></tr>
 *   <tr><td>Items: {@code total_amount = quantity × unit_price}; discounts negative; shipping an
 *       item; at most 5 decimals; {@code tax_amount = total_amount × tax_rate / 100}; order totals
 *       are the sums</td><td>seed 001 ("The 5 unbreakable rules of Order Items" and its example
 *       table). Integers pass too: Hokodo's own clients send them (Magento {@code OrderBuilder.php}
 *       {@code (int) round(x * 100)})</td></tr>
 *   <tr><td>Offer needs the order and {@code urls.notification}</td><td>seed 000 ("It is mandatory
 *       to specify a notification URL")</td></tr>
 *   <tr><td>Plans {@code ppln-…} with {@code payment_url}, {@code valid_until}, status offered /
 *       declined / expired</td><td>Magento plugin {@code Test/Integration/Gateway/Service/OfferTest.php},
 *       {@code Api/Data/PaymentPlanInterface.php}</td></tr>
 *   <tr><td>Checkout element takes the offer object as {@code paymentOffer}</td><td>Magento plugin
 *       {@code view/frontend/web/js/view/payment/method-renderer/bnpl-sdk.js},
 *       {@code view/frontend/web/js/sdk/core.js}</td></tr>
 *   <tr><td>Deferred payment ledger (authorisation, protected captures, refunds, voided) and
 *       post-sale actions capture, capture_remaining, refund, void, void_remaining by POST (PUT
 *       accepted)</td><td>Magento plugin {@code etc/di.xml}, {@code Gateway/Command/PostSale/*.php},
 *       {@code DeferredPaymentTest.php}; seed 000 (PUT)</td></tr>
 *   <tr><td>Post-sale answer: the event {@code {created, type, amount, currency, metadata,
 *       changes}}, no {@code id}</td><td>Magento plugin {@code Test/Integration/Gateway/Service/
 *       PostSaleTest.php}</td></tr>
 *   <tr><td>Notification {@code {created, data: {order: {…, deferred_payment}}}}, unsigned</td><td>
 *       Magento plugin {@code etc/webapi.xml}, {@code Api/DeferredPaymentProcessorInterface.php};
 *       {@code inikoo/aurora} {@code ar_web_hokodo_notification.php}</td></tr>
 *   <tr><td>Documents multipart {@code file}, {@code doc_type} invoice/credit_note, {@code amount},
 *       {@code metadata}</td><td>Magento plugin {@code CreateOrderDocumentsBuilder.php}; seed 000
 *       (invoice uploads)</td></tr>
 * </table>
 *
 * <h2>Behaviour as documented by Hokodo</h2>
 * Organisations need a known {@code company} and {@code registered}; users a valid {@code email},
 * {@code name}, {@code registered} and at least one existing organisation (role admin, member or
 * read-only). Orders: {@code unique_id}, {@code customer} {@code {type registered|guest,
 * organisation, user (a member of it), invoice_address (name, address_line1, city, postcode,
 * country), delivery_address (the same, postcode optional)}}, {@code status draft}, {@code
 * currency}, {@code order_date}, {@code total_amount}, {@code tax_amount}, {@code items}, and the
 * order guide's five rules: per item {@code total_amount = quantity × unit_price} exactly,
 * discounts negative (or zero) and other items non-negative, amounts with at most 5 decimals
 * (quantities 3, tax rates 2), item {@code tax_amount = total_amount × tax_rate / 100} (to 5
 * decimals, less than one minor unit off: clients round to integers), and the order's
 * {@code total_amount} and {@code tax_amount} exactly the sums of the items'. Errors are DRF
 * bodies: field errors nested by path ({@code
 * {"customer":{"invoice_address":{"postcode":["This field is required."]}}}}, items as a list with
 * {@code {}} for valid ones), {@code {"non_field_errors":[…]}}, {@code {"detail":"…"}}. Offers need
 * an existing order and {@code urls.notification}; they propose two plans ({@code 30d}, {@code
 * 60d}, {@code ppln-…}, {@code payment_url} to the plan page, {@code valid_until}; {@code expired}
 * after it). Deferred payments ({@code defpay-…}, number {@code P-XXXX-XXXX}) keep Hokodo's ledger:
 * {@code authorisation}, {@code protected_captures}, {@code unprotected_captures} (always 0 here),
 * {@code refunds}, {@code voided_authorisation}, {@code expired_authorisation} (always 0), with
 * {@code repayment_info}. Post-sale actions answer Hokodo's post-sale event {@code {created, type,
 * amount, currency, metadata, changes}}. Notifications: POST {@code {"created", "data": {"order":
 * {…, "deferred_payment": {id, number, status}}}}} to the offer's {@code urls.notification} on every
 * status change, unsigned, retried on 5xx, timeouts and connection errors by the sandbox's shared
 * sender.
 *
 * <h2>Choices where Hokodo's documentation is silent (the adapter assumes the same)</h2>
 * <ul>
 *   <li>The SDK stand-in ({@code hokodo-sdk.js}) defines {@code Hokodo(sdkKey, config)
 *       .elements().create("checkout", {paymentOffer})} with {@code on("success"|"failure")} and
 *       {@code mount(selector)}, as Hokodo's Magento plugin uses them; it refuses a
 *       {@code paymentOffer} that is not the offer object (an offer id, say). Its plan buttons are
 *       {@code hokodo-accept} and {@code hokodo-reject}; accepting posts {@code {"action":"accept"}}
 *       to the plan's {@code payment_url}, which answers {@code {status, deferred_payment,
 *       redirect}}, and the element fires {@code success} ({@code accepted} or {@code
 *       pending_review}) or {@code failure} ({@code rejected}). The real element's inner workings
 *       are not public; only its calls are copied.</li>
 *   <li>The plan page shows amounts as a shopper reads them (major units with the currency, the
 *       quantity as a plain number), not Hokodo's minor units.</li>
 *   <li>The plan page has buttons {@code accept} (deferred payment {@code accepted}, or {@code
 *       pending_review} for the review persona, holding the order total; redirect to {@code
 *       urls.success}), {@code reject} (a {@code rejected} deferred payment with nothing held;
 *       redirect to {@code urls.failure}) and {@code cancel} (nothing created, no notification;
 *       redirect to {@code urls.cancel}). Hokodo's own query parameters on these redirects are not
 *       known, so none are added. A repeated submit lands on the first redirect.</li>
 *   <li>Deferred payment statuses: {@code accepted}; {@code part_captured} while some authorisation
 *       is left after a capture; {@code captured} when none is; {@code voided} when all of it was
 *       voided before any capture; {@code pending_review}; {@code rejected}. Post-sale actions are
 *       refused (400 {@code non_field_errors}) unless the payment is accepted, part captured,
 *       captured or voided.</li>
 *   <li>Amounts of post-sale actions are positive integers. {@code capture_remaining} may carry the
 *       amount, which must equal the remaining authorisation; {@code void_remaining} ignores one.
 *       Over-capture, over-void, over-refund and nothing-left are 400 with the field {@code amount}
 *       or {@code non_field_errors}. Captures are all protected.</li>
 *   <li>The idempotency header is {@code Idempotency-Key}, on post-sale actions and document
 *       uploads: the same key with the same path and body replays the first successful answer
 *       without changing anything; with another request it is 409 {@code {"detail": …}}. Refused
 *       requests are not remembered.</li>
 *   <li>The ledger is in whole minor units: an order total with decimals is held rounded half up.
 *       Offers for an order that already has a deferred payment are refused.</li>
 *   <li>{@code PATCH} changes only {@code unique_id}, {@code po_number} and {@code metadata}; other
 *       fields get a field error. Documents need a {@code file}, {@code doc_type} {@code invoice} or
 *       {@code credit_note}, an integer {@code amount}; {@code metadata} must be JSON.</li>
 *   <li>Organisation {@code unique_id}s are not required to be unique.</li>
 *   <li>Notification retries follow the sandbox-wide delivery settings (Hokodo's legacy webhooks
 *       were tried three times; the shared sender has no per-provider attempt count).</li>
 * </ul>
 */
package io.checkoutbridge.sandbox.hokodo;
