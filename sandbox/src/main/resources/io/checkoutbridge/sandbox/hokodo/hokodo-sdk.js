/*
 * The sandbox's stand-in for Hokodo's front-end SDK (https://js.hokodo.co/hokodo-js/v1/). It offers
 * what Hokodo's Magento plugin uses (view/frontend/web/js/sdk/core.js and
 * view/frontend/web/js/view/payment/method-renderer/bnpl-sdk.js):
 *   var sdk = Hokodo(sdkKey, config);
 *   var checkout = sdk.elements().create("checkout", {paymentOffer: offer});
 *   checkout.on("success", fn); checkout.on("failure", fn); checkout.mount("#hokodoCheckout");
 * paymentOffer must be the offer object (id, order, offered_payment_plans); an offer id or anything
 * else is refused with an Error, as the element cannot show plans without the object. Accepting a
 * plan asks the sandbox (the plan's payment_url) to create the deferred payment, then fires
 * "success" (accepted or held for review) or "failure" (rejected) with {offer, status}.
 */
(function () {
  'use strict';

  function offerOf(options) {
    var offer = options && options.paymentOffer;
    if (!offer || typeof offer !== 'object' || typeof offer.id !== 'string'
        || typeof offer.order !== 'string' || !Array.isArray(offer.offered_payment_plans)) {
      throw new Error('Hokodo checkout: paymentOffer must be the offer object '
          + '(id, order, offered_payment_plans), not ' + JSON.stringify(offer));
    }
    return offer;
  }

  function money(minor, currency) {
    var digits = currency === 'JPY' ? 0 : (currency === 'KWD' || currency === 'BHD') ? 3 : 2;
    return (Number(minor) / Math.pow(10, digits)).toFixed(digits) + ' ' + currency;
  }

  function checkoutElement(options) {
    var offer = offerOf(options);
    var handlers = {};
    var container = null;

    function fire(event, data) {
      (handlers[event] || []).forEach(function (handler) { handler(data); });
    }

    function decide(plan, action, buttons) {
      buttons.forEach(function (b) { b.disabled = true; });
      fetch(plan.payment_url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
        body: JSON.stringify({action: action})
      }).then(function (response) {
        if (!response.ok) {
          throw new Error('Hokodo answered ' + response.status);
        }
        return response.json();
      }).then(function (answer) {
        container.setAttribute('data-hokodo-status', answer.status);
        fire(answer.status === 'rejected' ? 'failure' : 'success', {offer: offer, status: answer.status});
      }).catch(function (error) {
        container.setAttribute('data-hokodo-status', 'error');
        fire('failure', {offer: offer, error: String(error)});
      });
    }

    var element = {
      on: function (event, handler) {
        (handlers[event] = handlers[event] || []).push(handler);
        return element;
      },
      mount: function (selector) {
        container = document.querySelector(selector);
        if (!container) {
          throw new Error('Hokodo checkout: nothing matches ' + selector);
        }
        container.textContent = '';
        var plans = offer.offered_payment_plans.filter(function (p) { return p.status === 'offered'; });
        var buttons = [];
        plans.forEach(function (plan, index) {
          var row = document.createElement('p');
          row.className = 'hokodo-plan';
          var accept = document.createElement('button');
          accept.type = 'button';
          accept.className = 'hokodo-accept';
          if (index === 0) {
            accept.id = 'hokodo-accept';
          }
          accept.textContent = 'Pay ' + money(plan.scheduled_payments && plan.scheduled_payments.length
              ? plan.scheduled_payments.reduce(function (s, p) { return s + Number(p.amount); }, 0)
              : 0, plan.currency) + ' (' + plan.name + ')';
          accept.addEventListener('click', function () { decide(plan, 'accept', buttons); });
          row.appendChild(accept);
          container.appendChild(row);
          buttons.push(accept);
        });
        if (plans.length > 0) {
          var reject = document.createElement('button');
          reject.type = 'button';
          reject.id = 'hokodo-reject';
          reject.textContent = 'Reject (credit declined)';
          reject.addEventListener('click', function () { decide(plans[0], 'reject', buttons); });
          container.appendChild(reject);
          buttons.push(reject);
        }
        container.setAttribute('data-hokodo-status', 'mounted');
        return element;
      }
    };
    return element;
  }

  window.Hokodo = function (sdkKey, config) {
    if (typeof sdkKey !== 'string' || sdkKey === '') {
      throw new Error('Hokodo: the SDK key is required');
    }
    return {
      elements: function () {
        return {
          create: function (type, options) {
            if (type === 'checkout') {
              return checkoutElement(options);
            }
            throw new Error('Hokodo: the sandbox has no "' + type + '" element');
          }
        };
      }
    };
  };
}());
