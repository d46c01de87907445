/**
 * Kibo OMS (formerly Shopatron) order API v2 simulator: server-side authorisation, then an order
 * carrying it. No hosted page and no callbacks: the storefront collects the payment details.
 *
 * <h2>Base URLs</h2>
 * <ul>
 *   <li>Token endpoint ({@code https://auth.shopatron.com/oauthserver/oauth2/token}): {@code
 *       {app}/sandbox/kibo/oauthserver/oauth2/token}</li>
 *   <li>Order API ({@code https://integration.shopatron.com/api/v2}): {@code
 *       {app}/sandbox/kibo/api/v2}</li>
 * </ul>
 *
 * <h2>Known credentials and settings</h2>
 * API key {@value io.checkoutbridge.sandbox.kibo.KiboSimulator#API_KEY}, secret key
 * {@value io.checkoutbridge.sandbox.kibo.KiboSimulator#SECRET_KEY}, manufacturer
 * {@value io.checkoutbridge.sandbox.kibo.KiboSimulator#MANUFACTURER_ID} (any catalog ≥ 0). The
 * card {@value io.checkoutbridge.sandbox.kibo.KiboSimulator#DECLINE_CARD} is declined; every other
 * valid card, PayPal approval and stored token is authorised. Settings (builder or system
 * property): {@code checkoutbridge.sandbox.kibo.token-ttl-seconds} (default 3600), {@code
 * checkoutbridge.sandbox.kibo.manufacturer-ids} (comma-separated, default 1010).
 *
 * <h2>Endpoints and fault operations</h2>
 * <table>
 *   <caption>Routes</caption>
 *   <tr><th>Method and path</th><th>Operation</th></tr>
 *   <tr><td>POST oauthserver/oauth2/token</td><td>token</td></tr>
 *   <tr><td>POST api/v2/createOrder/authorize</td><td>authorize</td></tr>
 *   <tr><td>POST api/v2/createOrder/ (with or without the trailing slash)</td><td>create_order</td></tr>
 *   <tr><td>GET api/v2/order/?manufacturerID&amp;orderID&amp;externalOrderID&amp;orderStatus&amp;perPage&amp;page</td>
 *       <td>search_orders</td></tr>
 *   <tr><td>GET api/v2/order/{orderID}</td><td>get_order</td></tr>
 * </table>
 * The sandbox's generic faults script the moments that hurt: {@code {"provider":"kibo",
 * "operation":"create_order","mode":"timeout","delayMs":3500}} creates the order and answers
 * after the client gave up (the answer is lost); {@code "mode":"error","status":400} refuses
 * create-order after the authorisation without creating anything.
 *
 * <h2>What is checked, and the source that says so</h2>
 * Sources: [S4] seed 004 (Create Order Authorize); [CA] kibocommerce.com/oms-dev/orders/create-auth/;
 * [CO] kibocommerce.com/oms-dev/orders/create/ and docs.kibocommerce.com/help/create-order; [PB]
 * the create-order body of a WooCommerce plugin written against Kibo's {@code
 * /api/v2/createOrder/} (public code; search {@code itemSpecifics} with {@code orderPayments});
 * [SO] docs.kibocommerce.com/help/search-for-order; [ST] kibocommerce.com/oms-dev/get-started/
 * status-codes/; [AU] kibocommerce.com/oms-dev/get-started/auth/ and two public client scripts;
 * [C] a choice where no source speaks, shared with the adapter's package documentation.
 * <table>
 *   <caption>Checks</caption>
 *   <tr><th>Call</th><th>Field or rule</th><th>Check</th><th>Source</th></tr>
 *   <tr><td>every API call</td><td>{@code Authorization: Bearer}, {@code API-Key}</td><td>both,
 *       token live and issued to that key (401 / 403, 5004)</td><td>[AU]</td></tr>
 *   <tr><td>token</td><td>Basic {@code apiKey:secretKey}, {@code grant_type=client_credentials}</td>
 *       <td>OAuth2 errors {@code invalid_client}, {@code invalid_request}</td><td>[AU]</td></tr>
 *   <tr><td>authorize</td><td>{@code externalCartID}</td><td>1–255; the table's spelling
 *       {@code externalCardID} accepted too</td><td>[S4] [CA]</td></tr>
 *   <tr><td>authorize</td><td>{@code manufacturerID}, {@code catalogID}</td><td>integers ≥ 1 and
 *       ≥ 0; unknown manufacturer 404 (5002)</td><td>[S4]</td></tr>
 *   <tr><td>authorize</td><td>{@code currency}, {@code locale}</td><td>ISO 4217 from the enum;
 *       IETF {@code en-US} form</td><td>[S4]</td></tr>
 *   <tr><td>authorize</td><td>{@code customer}</td><td>{@code firstName} 1–300, {@code lastName}
 *       1–300, {@code email} 1–250, {@code phone1} 1–20 required; {@code phone2} ≤ 20, {@code
 *       active} ACTIVE|INACTIVE|FROZEN</td><td>[S4]</td></tr>
 *   <tr><td>authorize</td><td>{@code paymentMethod.paymentType}</td><td>{@code CC}, {@code TK},
 *       {@code PP}; the old {@code TOKEN} and {@code GC} refused</td><td>[S4] (CC), Kibo's docs
 *       (TK), [C] (PP, for seed 004's PayPal fields)</td></tr>
 *   <tr><td>authorize</td><td>card fields</td><td>{@code cardIssuer} VI|MC|AX|DI|JC|DC matching
 *       the number, {@code cardNumber} 12–19 digits with a Luhn check, {@code cardExpiration}
 *       {@code MM-YYYY} not past, {@code cardSecurityCode} 3–4 digits</td><td>[S4]; issuer
 *       list and Luhn [C]</td></tr>
 *   <tr><td>authorize</td><td>{@code billingAddress}</td><td>firstName, lastName, addressLine1,
 *       city, countryCode</td><td>[S4]</td></tr>
 *   <tr><td>authorize</td><td>{@code amount}</td><td>number ≥ 0, at most the currency's
 *       decimals</td><td>[S4]; decimals [C]</td></tr>
 *   <tr><td>create_order</td><td>{@code externalOrderID}</td><td>1–100, unique per
 *       manufacturer</td><td>[CO]</td></tr>
 *   <tr><td>create_order</td><td>{@code manufacturerID}, {@code catalogID}, {@code locale},
 *       {@code currency}, {@code customer}, {@code shippingAddress}</td><td>as authorize;
 *       manufacturer, catalog and currency equal to the authorisation's (5012)</td><td>[CO];
 *       equality [C]</td></tr>
 *   <tr><td>create_order</td><td>{@code customerIP}</td><td>required, an IPv4 or IPv6
 *       address</td><td>[CO] (required in one version of the page)</td></tr>
 *   <tr><td>create_order</td><td>{@code shippingMethod}</td><td>an object with {@code shipType}
 *       and {@code deliveryMethod}, Kibo codes; a string is refused</td><td>[CO] (object),
 *       [PB]</td></tr>
 *   <tr><td>create_order</td><td>{@code orderItems[]}</td><td>non-empty; each {@code
 *       product{productID 1–100, partNumber?, name 1–255, retailPrice?, offerPrice?}} and {@code
 *       itemSpecifics{externalItemID?, quantity ≥ 1, actualPrice ≥ 0, shipping?, shippingTax?,
 *       itemTaxOverride?}}, amounts ≥ 0; the old flat items refused</td><td>[CO] (array),
 *       [PB]</td></tr>
 *   <tr><td>create_order</td><td>{@code orderPayments[]}</td><td>exactly one: {@code
 *       paymentMethod{billingAddress, paymentType, cardIssuer?, ccLastFour?, cardExpiration?}},
 *       {@code transactionID}, {@code authorizationID} (an unused authorisation's {@code authToken};
 *       unknown 5013, used 5015), {@code authAmount} equal to the authorised amount</td><td>[PB]; one
 *       per order [S4] ("split orders not supported")</td></tr>
 *   <tr><td>create_order</td><td>top-level {@code authorizationID}</td><td>refused: it belongs in
 *       {@code orderPayments}</td><td>[PB]</td></tr>
 *   <tr><td>create_order</td><td>total</td><td>Σ {@code actualPrice × quantity +
 *       itemTaxOverride + shipping + shippingTax} = {@code authAmount}</td><td>[PB] (its amounts
 *       add up so: 3 + 0.60 + 4.13 + 0.82 = 8.55); refusing a difference [C]</td></tr>
 *   <tr><td>create_order</td><td>{@code isTestOrder}, {@code allowSplit}, {@code
 *       forceItemTaxOverride}</td><td>booleans; {@code allowSplit: true} refused</td><td>[PB];
 *       refusal [S4]</td></tr>
 *   <tr><td>search_orders</td><td>query</td><td>filters joined by {@code &amp;}, comma-separated
 *       ids, {@code perPage} default 10 at most 100, {@code page}; answer {@code {totalCount,
 *       collection}}</td><td>[SO]; {@code externalOrderID} filter and envelope [C], the envelope
 *       as a public client reads Kibo's shipment search</td></tr>
 *   <tr><td>get_order</td><td>{@code orderID}</td><td>404 (5002) when unknown; answer {@code
 *       {orderID, externalOrderID, orderStatus: READY, isTestOrder, orderPayments[{paymentType,
 *       authAmount, paymentStatus}]}}</td><td>path from a Kibo engineer's public client; READY
 *       [SO]; the rest [C]</td></tr>
 *   <tr><td>errors</td><td>body</td><td>{@code {statusCode, status, message, field?,
 *       errors?[{field, message}], requestID}} and {@code X-Request-ID}; 5011 missing, 5015
 *       invalid, 5002, 5004, 5001 for a scripted 503</td><td>codes [ST]; layout [C]</td></tr>
 * </table>
 *
 * <h2>Answers where Kibo's documentation is silent (shared with the adapter)</h2>
 * <ul>
 *   <li>Authorize answers 200 {@code {orderID, paymentMethodToken, authToken, status:
 *       "AUTHORIZED", amount, currency, ccLastFour?}} (seed 004: "the Order ID, Payment Method
 *       Token, and Auth Token"; the names are the {@code paymentMethod} object's own); a decline
 *       is 402 {@code {statusCode: 5003, status: "BAD_REQUEST", reason: "PAYMENT_DECLINED",
 *       message, requestID}}. A cart id already authorised is refused (5015).</li>
 *   <li>Create order answers 201 {@code {orderID, externalOrderID, orderStatus: "READY"}}; the
 *       order id is the one reserved at authorize.</li>
 *   <li>No card number is kept: the state holds the payment type and at most the last four
 *       digits; the journal masks {@code cardNumber}, {@code cardSecurityCode}, {@code
 *       payPalToken}, {@code paymentMethodToken}, {@code authToken} and {@code
 *       authorizationID}, and error messages name a card only by its last four digits.</li>
 * </ul>
 */
package io.checkoutbridge.sandbox.kibo;
