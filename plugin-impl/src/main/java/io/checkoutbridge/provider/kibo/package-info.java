/**
 * Kibo OMS (formerly Shopatron), order API v2: server-side authorisation, no redirect.
 *
 * <h2>Flow</h2>
 * <ol>
 *   <li>{@link io.checkoutbridge.provider.kibo.KiboProvider#validate validate}: everything Kibo
 *       would refuse is refused first, naming the field as it appears in Kibo's body, and nothing
 *       is sent: {@code customer.firstName} (1–300), {@code customer.lastName} (1–300),
 *       {@code customer.email} (1–250), {@code customer.phone1} (1–20; the customer's phone, else
 *       the billing address's), {@code currency} (see below), {@code locale}, {@code paymentMethod}
 *       (present; a card passes the Luhn check, has a known brand and has not expired),
 *       {@code paymentMethod.billingAddress} and {@code shippingAddress} ({@code addressLine1},
 *       {@code city}), and no split order (below).
 *   <li>Token: {@code POST {token-url}} with the form body {@code grant_type=client_credentials},
 *       {@code Authorization: Basic base64(apiKey:secretKey)} and {@code Accept: application/json};
 *       the answer {@code {access_token, expires_in, token_type}} is cached until 60 s before it
 *       expires ({@code expires_in} missing: one hour). Every API call carries both
 *       {@code Authorization: Bearer <token>} and {@code API-Key: <api key>}.
 *   <li>{@code POST {base-url}/createOrder/authorize} in seed 004's shape: {@code externalCartID},
 *       {@code manufacturerID}, {@code catalogID}, {@code currency}, {@code locale},
 *       {@code customer}, {@code paymentMethod}, {@code amount}, {@code testOrder},
 *       {@code shippingAddress}. Sent exactly once: a timeout or 5xx is a
 *       {@code TransientNetworkException} and a 401/403 discards the cached token, but the
 *       authorisation is never sent again by the adapter.
 *   <li>Before authorising, Kibo's order search {@code GET {base-url}/order/?manufacturerID=…&
 *       externalOrderID=…} is asked whether the order reference is already an order at Kibo; if
 *       it is, start is refused and nothing is charged (an earlier attempt's lost answer).
 *   <li>{@code POST {base-url}/createOrder/} as Kibo documents it and the public create-order body
 *       sends it (sources below): {@code externalOrderID}, {@code manufacturerID}, {@code
 *       catalogID}, {@code locale}, {@code currency}, {@code customerIP}, {@code customer}, {@code
 *       orderItems[{product{productID, partNumber, name, retailPrice, offerPrice},
 *       itemSpecifics{externalItemID, quantity, actualPrice, shipping, shippingTax,
 *       itemTaxOverride}}]} with {@code forceItemTaxOverride: true}, {@code
 *       orderPayments[{paymentMethod, transactionID, authorizationID, authAmount}]}, {@code
 *       shippingMethod{shipType, deliveryMethod}}, {@code shippingAddress}, {@code allowSplit:
 *       false} and {@code isTestOrder}. A 401/403 here (refused at the gate, before Kibo read the
 *       order) gets a new token and one more try.
 *   <li>{@code start} returns {@code NextStep.Done(AUTHORIZED)} with an {@code AUTHORIZED}
 *       {@code ProviderState}: the ledger is authorised at once. With a cached token a checkout
 *       takes three round trips.
 * </ol>
 *
 * <h2>No second charge</h2>
 * When create-order fails after a successful authorisation:
 * <ul>
 *   <li>outcome unknown (timeout, 5xx, 429): the order search by {@code externalOrderID} decides.
 *       Found: authorised. Not found: create-order is sent once more (Kibo refuses a second order
 *       with the same client-unique {@code externalOrderID}); still unanswered, {@code start}
 *       returns {@code NextStep.Done(PENDING)} with a {@code PENDING} state and refs {@code
 *       create_order=UNCONFIRMED}, {@code create_order_sent_at}. The engine keeps the payment
 *       open, the storefront tells the shopper the payment is being confirmed, and {@code
 *       fetchState} settles it by the order search: found, authorised; not found within {@code
 *       order-lookup-grace} (30 minutes), still pending; not found after it, {@code FAILED} with
 *       ref {@code attention} for the admin. It is never failed while the order may exist. The
 *       provider memory notes the order reference ({@code unconfirmed-order:<ref>}, when), and a
 *       new checkout of that order is refused before authorising until the grace has passed,
 *       so a shopper's retry cannot authorise twice while the first order may still appear.
 *   <li>refused (4xx): once the order search confirms there is no order, start throws with a
 *       message for the shopper (the card will not be charged; the authorisation lapses) that
 *       the ledger keeps as the failure's reason, marked "Needs attention". Kibo's order API
 *       documents no call that releases an authorisation or cancels an order, so none is made;
 *       release it in Kibo OMS or at the gateway when it must not wait to lapse.
 * </ul>
 *
 * <h2>Refs keys</h2>
 * {@code order_id} (Kibo's order id, also the provider payment id), {@code external_cart_id} (the
 * plugin's payment id), {@code external_order_id} (the storefront's order reference, which is also
 * the merchant reference), {@code payment_type} ({@code CC}, {@code TK}, or {@code PP} when
 * enabled), {@code card_issuer} and {@code card_last4} (cards only), {@code authorized_amount}
 * (major units), {@code authorization} ({@code AUTHORIZED}), {@code test_order}, {@code
 * create_order} ({@code CONFIRMED} or {@code UNCONFIRMED}), {@code create_order_sent_at}, {@code
 * order_status} (Kibo's, as last read) and {@code attention} (why an admin must look). The
 * authorisation token and the payment method token are payment credentials and are not kept.
 *
 * <h2>Card data</h2>
 * Card numbers, security codes and PayPal or stored-method tokens go into the authorize body and
 * nowhere else: not into refs, state, exception messages, the preview (card numbers masked to the
 * last four digits, the rest {@code ***}) or logs (the adapter logs nothing). Create-order does
 * not repeat the card: it carries the authorize answer's payment method token with {@code
 * cardIssuer}, {@code ccLastFour} and {@code cardExpiration}. Only {@code card_last4} is kept.
 *
 * <h2>Capabilities</h2>
 * {@code SERVER_SIDE_AUTHORIZATION} only. Kibo's order API publishes no capture, refund or void
 * call: Kibo OMS fulfils the order and settles the payment itself. {@code capture}, {@code refund}
 * and {@code cancel} throw {@code PaymentException(UNSUPPORTED)}; do these in Kibo OMS. Kibo sends
 * no callbacks for this flow (event delivery and signing are not documented), so
 * {@code verifyCallback} refuses every callback.
 *
 * <h2>{@code fetchState}</h2>
 * A confirmed order is read with {@code GET {base-url}/order/{orderID}} (the path a Kibo
 * engineer's public client reads an order with): authorised, with Kibo's {@code orderStatus} and
 * the payments' {@code paymentStatus} (a field name no source shows; {@code status} is read too)
 * in the provider status, which the admin's "Refresh from provider" shows. Captured, refunded and
 * voided stay zero: Kibo OMS settles the order itself. An unconfirmed order is settled by the
 * order search, as above. A payment without an authorisation is {@code NONE}.
 *
 * <h2>Sources</h2>
 * <ul>
 *   <li>Seed 004 and kibocommerce.com/oms-dev/orders/create-auth/: the authorize request.
 *   <li>kibocommerce.com/oms-dev/orders/create/ (also docs.kibocommerce.com/help/create-order):
 *       create-order's required parameters, {@code shippingMethod} an object, {@code customerIP}
 *       "the external address of the consumer".
 *   <li>A complete create-order body in public code (a WooCommerce plugin posting to a Kibo
 *       {@code /api/v2/createOrder/}; search for {@code itemSpecifics} with {@code
 *       orderPayments}): {@code orderPayments}, {@code product} and {@code itemSpecifics}, {@code
 *       shippingMethod{shipType: EXPRESS_1_DAY, deliveryMethod: SHIP_TO_HOME}}, {@code
 *       forceItemTaxOverride}, {@code allowSplit}, {@code isTestOrder}. Its amounts add up: 3 × 1
 *       + 0.60 + 4.13 + 0.82 = 8.55 = {@code authAmount}, so {@code actualPrice} is without tax.
 *   <li>docs.kibocommerce.com/help/search-for-order: {@code GET /api/v2/order/?{parameters}},
 *       filters joined by {@code &}, comma-separated ids, {@code perPage}/{@code page}, READY
 *       orders. That {@code externalOrderID} is one of the filters is inferred from "any of the
 *       order's properties"; the answer's {@code {totalCount, collection}} envelope is the one a
 *       public client reads from Kibo's shipment search. Matches are checked on {@code
 *       externalOrderID} again, so a server ignoring the filter cannot confirm another order.
 * </ul>
 *
 * <h2>Choices where Kibo's documentation is silent</h2>
 * <ul>
 *   <li>{@code externalCartID}: the request example spells it so; the parameter table's
 *       {@code externalCardID} is a typo (it is described as "the cart identifier"). Its value is
 *       the plugin's payment id (a UUID), unique per attempt.
 *   <li>{@code externalOrderID} is the storefront's order reference: a second paid attempt for the
 *       same order is refused by Kibo as a duplicate order rather than creating a second one.
 *   <li>Authorize answer: {@code {"orderID", "paymentMethodToken", "authToken", "status":
 *       "AUTHORIZED", "amount", "currency", "ccLastFour"}}; the names follow the
 *       {@code paymentMethod} object's own {@code authToken} and {@code paymentMethodToken}
 *       fields. {@code orderID} and {@code authToken} are required; an {@code amount} other than
 *       the one asked for is refused before any order is created.
 *   <li>Create-order answer: {@code {"orderID", "externalOrderID", "orderStatus"}}; its
 *       {@code orderID} wins over the authorize answer's when both are present.
 *   <li>{@code orderPayments[0].authorizationID} is the authorize answer's {@code authToken}
 *       (seed 004: the token "passed through the Create Order request as the Authorization ID");
 *       {@code transactionID} is the answer's {@code transactionID} when it has one, else the
 *       {@code externalCartID}; {@code authAmount} is the authorised amount.
 *   <li>{@code paymentType} codes: card {@code CC} (seed 004) with {@code cardIssuer} from the
 *       number's prefix ({@code VI} Visa, {@code MC} Mastercard, {@code AX} American Express,
 *       {@code DI} Discover, {@code JC} JCB, {@code DC} Diners Club), {@code cardNumber},
 *       {@code cardExpiration} {@code MM-YYYY}, {@code cardSecurityCode}; a stored method {@code
 *       TK} (the token type Kibo's documentation names) with {@code paymentMethodToken}. PayPal
 *       is off unless {@code paypal-enabled=true}: seed 004 names {@code payPalToken} and {@code
 *       payPalPayerID}, but no source names its {@code paymentType}; {@code PP} is unverified.
 *       Gift cards are refused: no source names their variant, and a gift-card line of the cart
 *       would be a second payment. Every variant carries {@code billingAddress}. Fields without
 *       a value are left out rather than sent as {@code null}.
 *   <li>Addresses: billing names are the customer's; shipping names come from the delivery
 *       address's name split at its last space (the customer's names when it has no space);
 *       {@code state} is the address region; the billing phone falls back to the customer's.
 *   <li>{@code currency}: an ISO 4217 enum whose list Kibo does not publish; the adapter accepts
 *       the widely traded currencies in {@code KiboMapper.CURRENCIES} (JPY, USD, KWD and 45 more).
 *   <li>{@code locale}: the request's language and region ({@code en-US}); a locale without a
 *       region takes the billing address's country.
 *   <li>Amounts: major units with exactly the currency's decimals ({@code 2.00} USD, {@code 5}
 *       JPY, {@code 1.250} KWD), tax included.
 *   <li>{@code orderItems}: one item per product line; shipping is carried per item and
 *       discounts and fees, which Kibo has no item for, are spread over the products' prices,
 *       exactly, so that the items add up to {@code authAmount} ({@code KiboMapper}). The preview
 *       lists every such rule.
 *   <li>Split orders: a cart needs more than one order when its lines ship from more than one
 *       place: product lines without a supplier ship from the shop, and any line naming a
 *       {@code supplierId} ships from that supplier. Such a cart is refused before any call.
 *   <li>{@code shippingMethod}: {@code shipType} from {@code checkout-bridge.kibo.ship-type}
 *       (default {@code STANDARD}: Kibo publishes no list; the public body sends {@code
 *       EXPRESS_1_DAY}, the import page speaks of "standard shipping") and {@code deliveryMethod}
 *       from {@code checkout-bridge.kibo.delivery-method} (default {@code SHIP_TO_HOME}, the
 *       public body's). Both must be Kibo codes; a problem is reported with every other
 *       configuration problem; the old {@code shipping-method} key is refused by name.
 *   <li>{@code customerIP}: the storefront passes the shopper's address in {@code
 *       CheckoutRequest.customerIp} ({@code ClientAddress} trusts {@code X-Forwarded-For} only
 *       when told a proxy sets it). A checkout without it is refused before any call.
 *   <li>Errors: the body is {@code {"statusCode": 5015, "status": "INVALID_REQUEST_DATA",
 *       "message": "...", "field": "customer.phone1", "requestID": "..."}}, with the request id
 *       also in the {@code X-Request-ID} header. A decline is HTTP 402 with {@code "reason":
 *       "PAYMENT_DECLINED"} and maps to {@code DeclinedException}. 5001 UNAVAILABLE and 5006
 *       SERVER_ERROR map to {@code TransientNetworkException}, 5004 NOT_AUTHORIZED to
 *       {@code AuthenticationException}, 5002 NOT_FOUND to {@code NOT_FOUND}; other codes follow
 *       the HTTP status (4xx: {@code InvalidRequestException} with Kibo's message and field).
 *   <li>{@code captureLater} is ignored: Kibo OMS decides when to settle.
 * </ul>
 */
package io.checkoutbridge.provider.kibo;
