// Felloh's iframe in the shop's page, the way Felloh's payment SDK renders it
// (felloh-org/payment-sdk src/index.js): the iframe's source is the embed URL as given, and the
// iframe reports by postMessage a JSON string {stage, transactionID, iframe_height, iframeRedirect}.
// On "success" or "declined" this page posts to the plugin's return URL, which asks Felloh for the
// truth: the message only says when to ask.
(function () {
  'use strict';
  var holder = document.getElementById('felloh-payment');
  if (!holder) {
    return;
  }
  var origin = holder.getAttribute('data-origin');
  var returnUrl = holder.getAttribute('data-return-url');
  var iframe = document.createElement('iframe');
  iframe.setAttribute('src', holder.getAttribute('data-url'));
  iframe.id = 'felloh-iframe';
  iframe.name = 'felloh-payment-sdk';
  iframe.title = 'Felloh payment';
  iframe.style.width = '100%';
  iframe.style.height = '500px';
  iframe.style.border = '0';
  holder.appendChild(iframe);
  var reported = false;

  function report(stage, transactionId) {
    if (reported) {
      return;
    }
    reported = true;
    var form = document.createElement('form');
    form.method = 'post';
    form.action = returnUrl;
    [['stage', stage], ['transaction_id', transactionId || '']].forEach(function (pair) {
      var input = document.createElement('input');
      input.type = 'hidden';
      input.name = pair[0];
      input.value = pair[1];
      form.appendChild(input);
    });
    document.body.appendChild(form);
    form.submit();
  }

  window.addEventListener('message', function (event) {
    // Only Felloh's iframe may speak (the SDK itself checks no origin).
    if (event.origin !== origin || event.source !== iframe.contentWindow) {
      return;
    }
    var message;
    try {
      message = JSON.parse(event.data);
    } catch (notJson) {
      return;
    }
    if (typeof message.iframe_height === 'number') {
      iframe.style.height = message.iframe_height + 'px';
    }
    if (typeof message.iframeRedirect === 'string' && message.iframeRedirect.indexOf(origin + '/') === 0) {
      iframe.setAttribute('src', message.iframeRedirect);
    }
    if (message.stage === 'success' || message.stage === 'declined') {
      report(message.stage, message.transactionID);
    }
  }, false);
}());
