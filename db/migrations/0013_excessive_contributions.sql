CREATE TABLE `attribution_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`donation_id` integer NOT NULL,
	`contact_id` integer NOT NULL,
	`period_key` text NOT NULL,
	`kind` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`effective_at` text NOT NULL,
	`source` text NOT NULL,
	`recorded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`donation_id`) REFERENCES `donations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "attribution_entries_kind_check" CHECK(kind in ('reattribution')),
	CONSTRAINT "attribution_entries_amount_check" CHECK("attribution_entries"."amount_cents" <> 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attribution_entries_source_unique` ON `attribution_entries` (`source`);--> statement-breakpoint
CREATE INDEX `attribution_entries_contact_period_idx` ON `attribution_entries` (`contact_id`,`period_key`,`amount_cents`);--> statement-breakpoint
CREATE TABLE `excessive_contributions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`donation_id` integer NOT NULL,
	`contact_id` integer NOT NULL,
	`period_key` text NOT NULL,
	`limit_cents` integer NOT NULL,
	`excess_cents` integer NOT NULL,
	`received_at` text NOT NULL,
	`deadline_day` text NOT NULL,
	`deadline_source` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`remedy` text,
	`remedy_note` text,
	`resolved_at` text,
	`resolved_by_staff_id` integer,
	FOREIGN KEY (`donation_id`) REFERENCES `donations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by_staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "excessive_contributions_excess_check" CHECK("excessive_contributions"."excess_cents" > 0),
	CONSTRAINT "excessive_contributions_remedy_check" CHECK(remedy is null or remedy in ('stripe_refund', 'check_refund', 'reattribution'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `excessive_contributions_donation_unique` ON `excessive_contributions` (`donation_id`);--> statement-breakpoint
CREATE INDEX `excessive_contributions_open_idx` ON `excessive_contributions` (`resolved_at`,`deadline_day`);--> statement-breakpoint
CREATE INDEX `excessive_contributions_contact_period_idx` ON `excessive_contributions` (`contact_id`,`period_key`);--> statement-breakpoint
ALTER TABLE `recurring_plans` ADD `limit_paused_at` text;--> statement-breakpoint
ALTER TABLE `recurring_plans` ADD `limit_resumes_on` text;--> statement-breakpoint
-- Merging two contacts repoints contact_id (contact-merge.server.ts); nothing else may change.
CREATE TRIGGER `attribution_entries_no_update`
BEFORE UPDATE OF `donation_id`, `period_key`, `kind`, `amount_cents`, `effective_at`, `source`, `recorded_at` ON `attribution_entries`
BEGIN
  SELECT RAISE(ABORT, 'attribution_entries are append-only: record a new entry instead');
END;
--> statement-breakpoint
CREATE TRIGGER `attribution_entries_no_delete` BEFORE DELETE ON `attribution_entries`
BEGIN
  SELECT RAISE(ABORT, 'attribution_entries are append-only: record a new entry instead');
END;
