CREATE TABLE `health_probe` (
	`id` integer PRIMARY KEY NOT NULL,
	`checked_at` text NOT NULL,
	CONSTRAINT "health_probe_single_row" CHECK("health_probe"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE `rejected_webhooks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`provider` text NOT NULL,
	`event_id` text,
	`event_type` text,
	`reason` text NOT NULL,
	`received_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rejected_webhooks_received_idx` ON `rejected_webhooks` (`received_at`);--> statement-breakpoint
ALTER TABLE `referrals` ADD `submitted_contact` text;--> statement-breakpoint
ALTER TABLE `tips` ADD `submitted_contact` text;--> statement-breakpoint
ALTER TABLE `volunteers` ADD `submitted_contact` text;--> statement-breakpoint
CREATE INDEX `email_outbox_to_created_idx` ON `email_outbox` (lower("to_email"),`created_at`);