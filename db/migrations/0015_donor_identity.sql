CREATE TABLE `donor_identities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contact_id` integer NOT NULL,
	`name_key` text NOT NULL,
	`address_key` text DEFAULT '' NOT NULL,
	`email_normalized` text,
	`first_key` text NOT NULL,
	`last_key` text NOT NULL,
	`street_key` text DEFAULT '' NOT NULL,
	`zip5` text DEFAULT '' NOT NULL,
	`city_key` text DEFAULT '' NOT NULL,
	`state_key` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `donor_identities_name_address_idx` ON `donor_identities` (`name_key`,`address_key`);--> statement-breakpoint
CREATE INDEX `donor_identities_email_idx` ON `donor_identities` (`email_normalized`);--> statement-breakpoint
CREATE INDEX `donor_identities_contact_idx` ON `donor_identities` (`contact_id`);--> statement-breakpoint
CREATE TABLE `donor_match_reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`donation_id` integer NOT NULL,
	`contact_id` integer NOT NULL,
	`candidate_contact_id` integer NOT NULL,
	`reason` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`decided_by_staff_id` integer,
	`decided_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`donation_id`) REFERENCES `donations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`candidate_contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "donor_match_reviews_status_check" CHECK(status in ('open', 'same_person', 'different_person')),
	CONSTRAINT "donor_match_reviews_reason_check" CHECK(reason in ('address_close', 'first_name_variant', 'address_differs_same_email', 'no_address'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `donor_match_reviews_donation_unique` ON `donor_match_reviews` (`donation_id`);--> statement-breakpoint
CREATE INDEX `donor_match_reviews_status_idx` ON `donor_match_reviews` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `donor_match_reviews_contact_idx` ON `donor_match_reviews` (`contact_id`,`status`);--> statement-breakpoint
CREATE INDEX `donor_match_reviews_candidate_idx` ON `donor_match_reviews` (`candidate_contact_id`,`status`);--> statement-breakpoint
CREATE TABLE `joint_contribution_shares` (
	`donation_id` integer PRIMARY KEY NOT NULL,
	`first_donation_id` integer NOT NULL,
	FOREIGN KEY (`donation_id`) REFERENCES `donations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`first_donation_id`) REFERENCES `donations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `joint_contribution_shares_first_idx` ON `joint_contribution_shares` (`first_donation_id`);