CREATE TABLE `reconciliation_differences` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`balance_transaction_id` text NOT NULL,
	`stripe_object_id` text,
	`donation_id` integer,
	`problem` text NOT NULL,
	`stripe_cents` integer NOT NULL,
	`ledger_cents` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`resolved_at` text,
	`resolved_by_staff_id` integer,
	FOREIGN KEY (`run_id`) REFERENCES `reconciliation_runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`donation_id`) REFERENCES `donations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by_staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reconciliation_differences_txn_problem` ON `reconciliation_differences` (`balance_transaction_id`,`problem`);--> statement-breakpoint
CREATE TABLE `reconciliation_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`started_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`finished_at` text,
	`since_unix` integer NOT NULL,
	`transactions_read` integer DEFAULT 0 NOT NULL,
	`entries_created` integer DEFAULT 0 NOT NULL,
	`differences_found` integer DEFAULT 0 NOT NULL,
	`error` text
);
