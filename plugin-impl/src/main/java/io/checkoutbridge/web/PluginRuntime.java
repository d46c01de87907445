package io.checkoutbridge.web;

import io.checkoutbridge.config.CoreSettings;
import io.checkoutbridge.engine.CallbackWorker;
import io.checkoutbridge.engine.PaymentEngine;
import io.checkoutbridge.store.Database;

/**
 * What the endpoints need of the running plugin. The CDI glue implements it and the servlets
 * inject it, so the endpoints do not depend on the glue that builds them.
 */
public interface PluginRuntime {
  PaymentEngine paymentEngine();

  /** Where accepted callbacks go to be applied. */
  CallbackWorker callbacks();

  CoreSettings core();

  Seal seal();

  SealedEndpoints endpoints();

  Database database();
}
