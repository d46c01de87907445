/*
 * Mounts Hokodo's checkout element the way Hokodo's Magento plugin does
 * (view/frontend/web/js/view/payment/method-renderer/bnpl-sdk.js): Hokodo(sdkKey).elements()
 * .create("checkout", {paymentOffer: offer}) with the offer object, then mount. On "success" the
 * shopper goes to the offer's success URL, on "failure" to its failure URL: both are the plugin's
 * sealed return URL, where the plugin reads the payment's state from Hokodo.
 */
(function () {
  'use strict';
  var mount = document.getElementById('hokodoCheckout');
  var problem = document.getElementById('hokodo-problem');
  if (!mount) {
    return;
  }
  try {
    var offer = JSON.parse(mount.getAttribute('data-offer'));
    var checkout = window.Hokodo(mount.getAttribute('data-sdk-key')).elements()
        .create('checkout', {paymentOffer: offer});
    checkout.on('success', function () {
      window.location.assign(offer.urls.success);
    });
    checkout.on('failure', function () {
      window.location.assign(offer.urls.failure);
    });
    checkout.mount('#hokodoCheckout');
  } catch (e) {
    mount.setAttribute('data-hokodo-status', 'error');
    if (problem) {
      problem.hidden = false;
    }
  }
}());
