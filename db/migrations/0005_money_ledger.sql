CREATE TABLE `money_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`donation_id` integer NOT NULL,
	`kind` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`effective_at` text NOT NULL,
	`source` text,
	`stripe_object_id` text,
	`recorded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`donation_id`) REFERENCES `donations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "money_entries_kind_check" CHECK(kind in ('receipt', 'refund', 'refund_reversal', 'dispute_withdrawal', 'dispute_reinstatement', 'fee')),
	CONSTRAINT "money_entries_sign_check" CHECK((kind in ('receipt', 'refund_reversal', 'dispute_reinstatement') and amount_cents >= 0) or (kind in ('refund', 'dispute_withdrawal', 'fee') and amount_cents <= 0))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `money_entries_source_unique` ON `money_entries` (`source`);--> statement-breakpoint
CREATE UNIQUE INDEX `money_entries_receipt_unique` ON `money_entries` (`donation_id`) WHERE kind = 'receipt';--> statement-breakpoint
CREATE INDEX `money_entries_donation_idx` ON `money_entries` (`donation_id`,`kind`,`amount_cents`);--> statement-breakpoint
CREATE INDEX `money_entries_effective_idx` ON `money_entries` (`effective_at`,`kind`);--> statement-breakpoint
-- The ledger is append-only: a correction is a new entry, never an edit (decision 008).
CREATE TRIGGER `money_entries_no_update` BEFORE UPDATE ON `money_entries`
BEGIN
  SELECT RAISE(ABORT, 'money_entries is append-only: record a new entry instead');
END;
--> statement-breakpoint
CREATE TRIGGER `money_entries_no_delete` BEFORE DELETE ON `money_entries`
BEGIN
  SELECT RAISE(ABORT, 'money_entries is append-only: record a new entry instead');
END;
--> statement-breakpoint
-- Existing gifts move into the ledger as they stand. Their refunds and disputes were kept as
-- running totals without dates, so each becomes one entry dated at the gift's last change, the
-- best date the old rows hold; the source marks them as migrated.
INSERT INTO `money_entries` (donation_id, kind, amount_cents, effective_at, source, stripe_object_id)
SELECT id, 'receipt', amount_cents, received_at, NULL, coalesce(stripe_charge_id, stripe_payment_intent_id, stripe_invoice_id)
FROM donations WHERE received_at IS NOT NULL AND status IN ('succeeded', 'partially_refunded', 'refunded', 'disputed');
--> statement-breakpoint
INSERT INTO `money_entries` (donation_id, kind, amount_cents, effective_at, source, stripe_object_id)
SELECT id, 'refund', -refunded_cents, max(received_at, updated_at), 'migrated:refund:' || id, stripe_charge_id
FROM donations WHERE received_at IS NOT NULL AND refunded_cents > 0 AND status IN ('succeeded', 'partially_refunded', 'refunded', 'disputed');
--> statement-breakpoint
INSERT INTO `money_entries` (donation_id, kind, amount_cents, effective_at, source, stripe_object_id)
SELECT id, 'dispute_withdrawal', -disputed_cents, max(received_at, updated_at), 'migrated:dispute:' || id, stripe_charge_id
FROM donations WHERE received_at IS NOT NULL AND disputed_cents > 0 AND status IN ('succeeded', 'partially_refunded', 'refunded', 'disputed');
--> statement-breakpoint
INSERT INTO `money_entries` (donation_id, kind, amount_cents, effective_at, source, stripe_object_id)
SELECT id, 'fee', -fee_cents, received_at, 'migrated:fee:' || id, stripe_charge_id
FROM donations WHERE received_at IS NOT NULL AND fee_cents > 0 AND status IN ('succeeded', 'partially_refunded', 'refunded', 'disputed');
