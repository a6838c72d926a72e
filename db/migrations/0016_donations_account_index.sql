-- The itemized query reads one account's gifts of a period: the account joins the covering index
-- right after the period, so the read stays on the index and in donor-then-date order.
DROP INDEX `donations_period_contact_idx`;--> statement-breakpoint
CREATE INDEX `donations_period_contact_idx` ON `donations` (`aggregation_period`,`account`,`contact_id`,`received_at`,`amount_cents`,`refunded_cents`,`disputed_cents`,`status`,`is_anonymous`);