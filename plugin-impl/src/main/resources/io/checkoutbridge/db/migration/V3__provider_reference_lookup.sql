-- Notifications sent to one URL per merchant (Felloh) name their payment by the provider's ids.
CREATE INDEX cb_payment_provider_merchant_ref_idx ON cb_payment (provider, merchant_reference);
CREATE INDEX cb_payment_provider_payment_id_idx ON cb_payment (provider, provider_payment_id);
