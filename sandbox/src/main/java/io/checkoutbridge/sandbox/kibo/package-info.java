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
 * valid card, PayPal approval, stored token and gift card is authorised. Settings (builder or
 * system property): {@code checkoutbridge.sandbox.kibo.token-ttl-seconds} (default 3600), {@code
 * checkoutbridge.sandbox.kibo.manufacturer-ids} (comma-separated, default 1010).
 *
 * <h2>Endpoints and fault operations</h2>
 * <table>
 *   <caption>Routes</caption>
 *   <tr><th>Method and path</th><th>Operation</th></tr>
 *   <tr><td>POST oauthserver/oauth2/token</td><td>token</td></tr>
 *   <tr><td>POST api/v2/createOrder/authorize</td><td>authorize</td></tr>
 *   <tr><td>POST api/v2/createOrder/ (with or without the trailing slash)</td><td>create_order</td></tr>
 * </table>
 *
 * <h2>Behaviour as documented by Kibo</h2>
 * Token: HTTP Basic {@code apiKey:secretKey}, form body {@code grant_type=client_credentials},
 * answer {@code {access_token, expires_in, token_type}}; OAuth2 errors {@code {error,
 * error_description}} (401 {@code invalid_client}, 400 {@code invalid_request} / {@code
 * unsupported_grant_type}). Every API call needs both {@code Authorization: Bearer <token>} (401
 * when missing, unknown or expired) and {@code API-Key} matching the token's key (403). Authorize
 * checks seed 004's schema: {@code externalCartID} 1–255, {@code manufacturerID} integer ≥ 1,
 * {@code catalogID} integer ≥ 0, {@code currency} from the enum, optional {@code locale}
 * ({@code en-US} form), {@code customer} with {@code firstName} 1–300, {@code lastName} 1–300,
 * {@code email} 1–250, {@code phone1} 1–20 (optional {@code customerID} ≥ 1, {@code phone2} ≤ 20,
 * {@code active} ACTIVE|INACTIVE|FROZEN), {@code paymentMethod}, {@code amount} ≥ 0, optional
 * {@code testOrder} and {@code shippingAddress}. Create order needs an unused {@code
 * authorizationID} (one authorisation per order; split orders not supported).
 *
 * <h2>Choices where Kibo's documentation is silent (shared with the adapter)</h2>
 * <ul>
 *   <li>{@code externalCartID} is the field; the docs' table spelling {@code externalCardID} is
 *       accepted too. A cart id already authorised is refused (5015).</li>
 *   <li>{@code paymentMethod}: {@code billingAddress} (firstName, lastName, addressLine1, city,
 *       countryCode required) and {@code paymentType}: {@code CC} with {@code cardIssuer}
 *       (VI, MC, AX, DI, JC, DC; must match the number's prefix), {@code cardNumber} (12–19
 *       digits, Luhn), {@code cardExpiration} {@code MM-YYYY} not in the past, optional {@code
 *       cardSecurityCode} (3–4 digits); {@code PP} with {@code payPalToken} and {@code
 *       payPalPayerID}; {@code TOKEN} with {@code paymentMethodToken}; {@code GC} with {@code
 *       giftCardNumber} and optional {@code giftCardPin}.</li>
 *   <li>{@code amount}, {@code unitPrice} and {@code totalPrice} are major units with at most the
 *       currency's decimals.</li>
 *   <li>Authorize answers 200 {@code {orderID, paymentMethodToken, authToken, status:
 *       "AUTHORIZED", amount, currency, ccLastFour?}}; a decline is 402 {@code {statusCode: 5003,
 *       status: "BAD_REQUEST", reason: "PAYMENT_DECLINED", message, requestID}}.</li>
 *   <li>Create order: {@code externalOrderID} 1–100, unique per manufacturer; {@code
 *       manufacturerID}, {@code catalogID}, {@code currency} equal to the authorisation's (else
 *       5012 ID_MISMATCH); {@code orderItems} non-empty, each {@code {externalLineID, itemType
 *       (PRODUCT|SHIPPING|DISCOUNT|FEE|GIFT_CARD), sku?, name, quantity ≥ 1, unitPrice,
 *       totalPrice = quantity × unitPrice, taxRate? 0–100, supplierID?}} (discounts and gift
 *       cards not positive, others not negative), adding up exactly to the authorised amount;
 *       {@code shippingMethod} 1–50; {@code shippingAddress}; optional {@code customerIP}; {@code
 *       authorizationID} = the authorize answer's {@code authToken} (unknown: 5013 INVALID_ID;
 *       used: 5015). Items shipping from more than one place (product items without {@code
 *       supplierID} ship from the merchant) are a split order: 5015. Answer 201 {@code {orderID,
 *       externalOrderID, orderStatus: "OPEN"}}; the order id is the one reserved at authorize.</li>
 *   <li>Errors: {@code {statusCode, status, message, field?, errors?[{field, message}],
 *       requestID}} and header {@code X-Request-ID}; 5011 MISSING_REQUEST_DATA for a missing
 *       field, 5015 INVALID_REQUEST_DATA for an invalid one, 5002 NOT_FOUND (404) for an unknown
 *       manufacturer or path, 5004 NOT_AUTHORIZED (401/403), 5001 UNAVAILABLE for a scripted 503.</li>
 *   <li>No card number is kept: the state holds the payment type and at most the last four
 *       digits; the journal masks {@code cardNumber}, {@code cardSecurityCode}, {@code
 *       giftCardNumber}, {@code giftCardPin}, {@code payPalToken}, {@code paymentMethodToken},
 *       {@code authToken} and {@code authorizationID}, and error messages name a card only by its
 *       last four digits.</li>
 * </ul>
 */
package io.checkoutbridge.sandbox.kibo;
