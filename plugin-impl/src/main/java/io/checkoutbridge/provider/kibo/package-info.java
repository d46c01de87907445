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
 *   <li>{@code POST {base-url}/createOrder/} with {@code externalOrderID}, {@code manufacturerID},
 *       {@code catalogID}, {@code locale}, {@code currency}, {@code customer}, {@code orderItems},
 *       {@code shippingMethod}, {@code shippingAddress} and {@code authorizationID}. A 401/403
 *       here (refused at the gate, before Kibo read the order) gets a new token and one more try.
 *   <li>{@code start} returns {@code NextStep.Done(AUTHORIZED)} with an {@code AUTHORIZED}
 *       {@code ProviderState}: the ledger is authorised at once. With a cached token a checkout
 *       takes two round trips.
 * </ol>
 *
 * <h2>Refs keys</h2>
 * {@code order_id} (Kibo's order id, also the provider payment id), {@code external_cart_id} (the
 * plugin's payment id), {@code external_order_id} (the storefront's order reference, which is also
 * the merchant reference), {@code payment_type} ({@code CC}, {@code PP}, {@code TOKEN},
 * {@code GC}), {@code card_issuer} and {@code card_last4} (cards only), {@code authorized_amount}
 * (major units), {@code authorization} ({@code AUTHORIZED}) and {@code test_order}. The
 * authorisation token and the payment method token are payment credentials and are not kept.
 *
 * <h2>Card data</h2>
 * Card numbers, security codes, gift-card PINs and PayPal or stored-method tokens go into the
 * authorize body and nowhere else: not into refs, state, exception messages, the preview (card and
 * gift-card numbers masked to the last four digits, the rest {@code ***}) or logs (the adapter
 * logs nothing). Only {@code card_last4} is kept.
 *
 * <h2>Capabilities</h2>
 * {@code SERVER_SIDE_AUTHORIZATION} only. Kibo's order API publishes no capture, refund or void
 * call: Kibo OMS fulfils the order and settles the payment itself. {@code capture}, {@code refund}
 * and {@code cancel} throw {@code PaymentException(UNSUPPORTED)}; do these in Kibo OMS. Kibo sends
 * no callbacks for this flow (event delivery and signing are not documented), so
 * {@code verifyCallback} refuses every callback.
 *
 * <h2>{@code fetchState}</h2>
 * Answers from refs, without a call: the authorisation is final when {@code start} returns, the
 * order API has no documented call that reads an order's payment, and the plugin moves no money
 * afterwards, so captured, refunded and voided are zero. A payment without {@code order_id} (start
 * did not finish) is {@code NONE}.
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
 *   <li>The authorisation id field of create-order is {@code authorizationID} ("Authorization
 *       ID" in the docs, spelled like {@code manufacturerID}); its value is the authorize answer's
 *       {@code authToken}.
 *   <li>{@code paymentType} codes: card {@code CC} (seed 004) with {@code cardIssuer} from the
 *       number's prefix ({@code VI} Visa, {@code MC} Mastercard, {@code AX} American Express,
 *       {@code DI} Discover, {@code JC} JCB, {@code DC} Diners Club), {@code cardNumber},
 *       {@code cardExpiration} {@code MM-YYYY}, {@code cardSecurityCode}; PayPal {@code PP} with
 *       {@code payPalToken} and {@code payPalPayerID}; a stored method {@code TOKEN} with
 *       {@code paymentMethodToken}; a gift card {@code GC} with {@code giftCardNumber} and
 *       {@code giftCardPin}. Every variant carries {@code billingAddress}. Fields without a value
 *       are left out rather than sent as {@code null}.
 *   <li>Addresses: billing names are the customer's; shipping names come from the delivery
 *       address's name split at its last space (the customer's names when it has no space);
 *       {@code state} is the address region; the billing phone falls back to the customer's.
 *   <li>{@code currency}: an ISO 4217 enum whose list Kibo does not publish; the adapter accepts
 *       the widely traded currencies in {@code KiboMapper.CURRENCIES} (JPY, USD, KWD and 45 more).
 *   <li>{@code locale}: the request's language and region ({@code en-US}); a locale without a
 *       region takes the billing address's country.
 *   <li>Amounts: major units with exactly the currency's decimals ({@code 2.00} USD, {@code 5}
 *       JPY, {@code 1.250} KWD), tax included.
 *   <li>{@code orderItems}: one item per cart line, {@code {externalLineID, itemType, sku, name,
 *       quantity, unitPrice, totalPrice, taxRate, supplierID?}}, with {@code itemType} the line's
 *       kind. Shipping and fees are items; discounts and gift cards are negative items; so the items
 *       add up exactly to the authorised amount. Quantities are whole: a line whose total does not
 *       divide by its quantity is split into two items one minor unit apart (the second with the
 *       line id plus {@code #2}); a fractional quantity is sent as 1 × the line total. The preview
 *       lists every such rule.
 *   <li>Split orders: a cart needs more than one order when its lines ship from more than one
 *       place: product lines without a supplier ship from the shop, and any line naming a
 *       {@code supplierId} ships from that supplier. Such a cart is refused before any call.
 *   <li>{@code shippingMethod}: from {@code checkout-bridge.kibo.shipping-method}, default
 *       {@code STANDARD} (Kibo's list of methods is not published).
 *   <li>{@code customerIP}: not sent; the checkout request does not carry the shopper's address.
 *   <li>Errors: the body is {@code {"statusCode": 5015, "status": "INVALID_REQUEST_DATA",
 *       "message": "...", "field": "customer.phone1", "requestID": "..."}}, with the request id
 *       also in the {@code X-Request-ID} header. A decline is HTTP 402 with {@code "reason":
 *       "PAYMENT_DECLINED"} and maps to {@code DeclinedException}. 5001 UNAVAILABLE and 5006
 *       SERVER_ERROR map to {@code TransientNetworkException}, 5004 NOT_AUTHORIZED to
 *       {@code AuthenticationException}, 5002 NOT_FOUND to {@code NOT_FOUND}; other codes follow
 *       the HTTP status (4xx: {@code InvalidRequestException} with Kibo's message and field).
 *   <li>When create-order fails after a successful authorisation, the exception says so: the
 *       authorisation stays unused and lapses at the gateway, as the API has no void.
 *   <li>{@code captureLater} is ignored: Kibo OMS decides when to settle.
 * </ul>
 */
package io.checkoutbridge.provider.kibo;
