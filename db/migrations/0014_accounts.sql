-- Added in place (not by rebuilding donations): a rebuild would drop the donation_totals
-- triggers and rewrite every gift. Every gift made before accounts existed belongs to the
-- account of the profile configured then (the shipped default is New Mexico's).
ALTER TABLE `donations` ADD `account` text DEFAULT 'new_mexico' NOT NULL CONSTRAINT "donations_account_check" CHECK(account in ('us_federal', 'new_mexico'));
--> statement-breakpoint
UPDATE `donations` SET `account` = coalesce(
  (SELECT json_extract(`value`, '$') FROM `settings`
   WHERE `key` = 'complianceProfile' AND json_extract(`value`, '$') IN ('us_federal', 'new_mexico')),
  'new_mexico');
--> statement-breakpoint
CREATE TABLE `information_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`donation_id` integer NOT NULL,
	`contact_id` integer NOT NULL,
	`account` text NOT NULL,
	`period_key` text NOT NULL,
	`channel` text NOT NULL,
	`outbox_id` integer,
	`requested_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`printed_at` text,
	`answered_at` text,
	FOREIGN KEY (`donation_id`) REFERENCES `donations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`outbox_id`) REFERENCES `email_outbox`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "information_requests_channel_check" CHECK(channel in ('email', 'letter'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `information_requests_unique` ON `information_requests` (`contact_id`,`account`,`period_key`);
--> statement-breakpoint
CREATE INDEX `information_requests_open_idx` ON `information_requests` (`answered_at`,`requested_at`);
