CREATE TABLE `email_opt_outs` (
	`email_normalized` text NOT NULL,
	`list` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`email_normalized`, `list`),
	CONSTRAINT "email_opt_outs_list_check" CHECK(list in ('updates', 'fundraising', 'volunteer'))
);
--> statement-breakpoint
CREATE TABLE `email_rendered` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hash` text NOT NULL,
	`json` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_rendered_hash_unique` ON `email_rendered` (`hash`);--> statement-breakpoint
CREATE TABLE `email_sender_halt` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`reason` text NOT NULL,
	`until` text NOT NULL,
	`since` text NOT NULL,
	`notified_at` text,
	CONSTRAINT "email_sender_halt_kind_check" CHECK(kind in ('account', 'quota'))
);
--> statement-breakpoint
ALTER TABLE `email_outbox` ADD `send_id` text;--> statement-breakpoint
ALTER TABLE `email_outbox` ADD `batch_key` text;--> statement-breakpoint
ALTER TABLE `email_outbox` ADD `rendered_id` integer REFERENCES email_rendered(id);--> statement-breakpoint
ALTER TABLE `email_outbox` ADD `rendered_token` text;--> statement-breakpoint
CREATE INDEX `email_outbox_batch_idx` ON `email_outbox` (`status`,`batch_key`);