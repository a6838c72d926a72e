CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`staff_user_id` integer,
	`entity` text NOT NULL,
	`entity_id` integer,
	`action` text NOT NULL,
	`before_json` text,
	`after_json` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`staff_user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_log_created_idx` ON `audit_log` (`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_staff_idx` ON `audit_log` (`staff_user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `candidacies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contest_id` integer NOT NULL,
	`candidate_id` integer NOT NULL,
	`incumbent` integer DEFAULT false NOT NULL,
	`votes` integer,
	`vote_share_bp` integer,
	`outcome` text DEFAULT 'pending' NOT NULL,
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "candidacies_outcome_check" CHECK(outcome in ('won', 'lost', 'runoff', 'pending')),
	CONSTRAINT "candidacies_votes_check" CHECK("candidacies"."votes" is null or "candidacies"."votes" >= 0),
	CONSTRAINT "candidacies_share_check" CHECK("candidacies"."vote_share_bp" is null or ("candidacies"."vote_share_bp" >= 0 and "candidacies"."vote_share_bp" <= 10000))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `candidacies_contest_candidate_unique` ON `candidacies` (`contest_id`,`candidate_id`);--> statement-breakpoint
CREATE INDEX `candidacies_candidate_idx` ON `candidacies` (`candidate_id`);--> statement-breakpoint
CREATE TABLE `candidates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contact_id` integer NOT NULL,
	`slug` text NOT NULL,
	`display_name` text NOT NULL,
	`bio` text DEFAULT '' NOT NULL,
	`photo_path` text,
	`website` text,
	`archived_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `candidates_slug_unique` ON `candidates` (`slug`);--> statement-breakpoint
CREATE INDEX `candidates_contact_idx` ON `candidates` (`contact_id`);--> statement-breakpoint
CREATE TABLE `contact_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contact_id` integer NOT NULL,
	`staff_user_id` integer,
	`body` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contact_notes_contact_idx` ON `contact_notes` (`contact_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `contact_tags` (
	`contact_id` integer NOT NULL,
	`tag_id` integer NOT NULL,
	PRIMARY KEY(`contact_id`, `tag_id`),
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `contact_tags_tag_idx` ON `contact_tags` (`tag_id`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text DEFAULT '' NOT NULL,
	`email` text,
	`email_normalized` text,
	`phone` text,
	`phone_digits` text,
	`street` text,
	`city` text,
	`state` text,
	`zip` text,
	`employer` text,
	`occupation` text,
	`merged_into_id` integer,
	`erased_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "contacts_email_normalized_is_lower" CHECK("contacts"."email_normalized" is null or "contacts"."email_normalized" = lower(trim("contacts"."email_normalized")))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_email_normalized_unique` ON `contacts` (`email_normalized`);--> statement-breakpoint
CREATE INDEX `contacts_last_first_idx` ON `contacts` (`last_name`,`first_name`);--> statement-breakpoint
CREATE INDEX `contacts_phone_digits_idx` ON `contacts` (`phone_digits`);--> statement-breakpoint
CREATE INDEX `contacts_created_at_idx` ON `contacts` (`created_at`);--> statement-breakpoint
CREATE TABLE `contests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`election_id` integer NOT NULL,
	`seat_id` integer NOT NULL,
	`seats_to_fill` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`election_id`) REFERENCES `elections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`seat_id`) REFERENCES `seats`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "contests_seats_to_fill_check" CHECK("contests"."seats_to_fill" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contests_election_seat_unique` ON `contests` (`election_id`,`seat_id`);--> statement-breakpoint
CREATE INDEX `contests_seat_idx` ON `contests` (`seat_id`);--> statement-breakpoint
CREATE TABLE `donations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contact_id` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`refunded_cents` integer DEFAULT 0 NOT NULL,
	`disputed_cents` integer DEFAULT 0 NOT NULL,
	`fee_cents` integer,
	`currency` text DEFAULT 'usd' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`kind` text DEFAULT 'one_time' NOT NULL,
	`method` text DEFAULT 'card' NOT NULL,
	`refcode` text,
	`recurring_plan_id` integer,
	`stripe_checkout_session_id` text,
	`stripe_payment_intent_id` text,
	`stripe_invoice_id` text,
	`stripe_charge_id` text,
	`donor_first_name` text NOT NULL,
	`donor_last_name` text NOT NULL,
	`donor_email` text,
	`donor_street` text,
	`donor_city` text,
	`donor_state` text,
	`donor_zip` text,
	`donor_employer` text,
	`donor_occupation` text,
	`attested_at` text,
	`aggregation_period` text,
	`is_anonymous` integer DEFAULT false NOT NULL,
	`in_kind_description` text,
	`check_number` text,
	`entered_by_staff_id` integer,
	`received_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recurring_plan_id`) REFERENCES `recurring_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entered_by_staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "donations_amount_check" CHECK("donations"."amount_cents" >= 0),
	CONSTRAINT "donations_refunded_check" CHECK("donations"."refunded_cents" >= 0 and "donations"."refunded_cents" <= "donations"."amount_cents"),
	CONSTRAINT "donations_disputed_check" CHECK("donations"."disputed_cents" >= 0 and "donations"."disputed_cents" <= "donations"."amount_cents"),
	CONSTRAINT "donations_fee_check" CHECK("donations"."fee_cents" is null or "donations"."fee_cents" >= 0),
	CONSTRAINT "donations_status_check" CHECK(status in ('pending', 'succeeded', 'failed', 'refunded', 'partially_refunded', 'disputed')),
	CONSTRAINT "donations_kind_check" CHECK(kind in ('one_time', 'recurring')),
	CONSTRAINT "donations_method_check" CHECK(method in ('card', 'check', 'cash', 'in_kind'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `donations_checkout_unique` ON `donations` (`stripe_checkout_session_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `donations_invoice_unique` ON `donations` (`stripe_invoice_id`);--> statement-breakpoint
CREATE INDEX `donations_payment_intent_idx` ON `donations` (`stripe_payment_intent_id`);--> statement-breakpoint
CREATE INDEX `donations_charge_idx` ON `donations` (`stripe_charge_id`);--> statement-breakpoint
CREATE INDEX `donations_contact_received_idx` ON `donations` (`contact_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `donations_status_received_idx` ON `donations` (`status`,`received_at`);--> statement-breakpoint
CREATE INDEX `donations_received_idx` ON `donations` (`received_at`);--> statement-breakpoint
CREATE INDEX `donations_refcode_idx` ON `donations` (`refcode`);--> statement-breakpoint
CREATE TABLE `elections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`date` text NOT NULL,
	`jurisdiction` text NOT NULL,
	`kind` text DEFAULT 'regular' NOT NULL,
	`archived_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "elections_kind_check" CHECK(kind in ('primary', 'general', 'regular', 'special', 'runoff'))
);
--> statement-breakpoint
CREATE INDEX `elections_date_idx` ON `elections` (`date`);--> statement-breakpoint
CREATE TABLE `email_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`template` text NOT NULL,
	`props_json` text DEFAULT '{}' NOT NULL,
	`to_email` text NOT NULL,
	`contact_id` integer,
	`list` text,
	`idempotency_key` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`claim_token` text,
	`claimed_at` text,
	`last_error` text,
	`provider_message_id` text,
	`sent_at` text,
	`last_event` text,
	`last_event_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "email_outbox_status_check" CHECK(status in ('queued', 'sending', 'sent', 'failed', 'held')),
	CONSTRAINT "email_outbox_list_check" CHECK("email_outbox"."list" is null or list in ('updates', 'fundraising', 'volunteer')),
	CONSTRAINT "email_outbox_attempts_check" CHECK("email_outbox"."attempts" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_outbox_idempotency_unique` ON `email_outbox` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `email_outbox_due_idx` ON `email_outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `email_outbox_contact_idx` ON `email_outbox` (`contact_id`);--> statement-breakpoint
CREATE INDEX `email_outbox_provider_idx` ON `email_outbox` (`provider_message_id`);--> statement-breakpoint
CREATE TABLE `email_suppressions` (
	`email_normalized` text PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "email_suppressions_reason_check" CHECK(reason in ('bounce', 'complaint', 'manual'))
);
--> statement-breakpoint
CREATE TABLE `endorsements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`candidate_id` integer NOT NULL,
	`contest_id` integer,
	`cycle` text NOT NULL,
	`status` text DEFAULT 'considering' NOT NULL,
	`decided_at` text,
	`rationale` text DEFAULT '' NOT NULL,
	`is_public` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "endorsements_status_check" CHECK(status in ('considering', 'endorsed', 'declined', 'rescinded'))
);
--> statement-breakpoint
CREATE INDEX `endorsements_candidate_idx` ON `endorsements` (`candidate_id`);--> statement-breakpoint
CREATE INDEX `endorsements_cycle_idx` ON `endorsements` (`cycle`,`status`);--> statement-breakpoint
CREATE INDEX `endorsements_contest_idx` ON `endorsements` (`contest_id`);--> statement-breakpoint
CREATE TABLE `governing_bodies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`jurisdiction` text NOT NULL,
	`seat_count` integer NOT NULL,
	`archived_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "governing_bodies_seat_count_check" CHECK("governing_bodies"."seat_count" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `governing_bodies_slug_unique` ON `governing_bodies` (`slug`);--> statement-breakpoint
CREATE TABLE `issue_tags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `issue_tags_slug_unique` ON `issue_tags` (`slug`);--> statement-breakpoint
CREATE TABLE `measure_tags` (
	`measure_id` integer NOT NULL,
	`issue_tag_id` integer NOT NULL,
	PRIMARY KEY(`measure_id`, `issue_tag_id`),
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`issue_tag_id`) REFERENCES `issue_tags`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `measures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`body_id` integer NOT NULL,
	`title` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`kind` text DEFAULT 'other' NOT NULL,
	`source_url` text,
	`pac_position` text DEFAULT 'none' NOT NULL,
	`introduced_on` text,
	`archived_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`body_id`) REFERENCES `governing_bodies`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "measures_kind_check" CHECK(kind in ('resolution', 'policy', 'budget', 'ordinance', 'other')),
	CONSTRAINT "measures_position_check" CHECK(pac_position in ('support', 'oppose', 'none'))
);
--> statement-breakpoint
CREATE INDEX `measures_body_idx` ON `measures` (`body_id`);--> statement-breakpoint
CREATE TABLE `password_resets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`staff_user_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`staff_user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `password_resets_token_hash_unique` ON `password_resets` (`token_hash`);--> statement-breakpoint
CREATE TABLE `recurring_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contact_id` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`currency` text DEFAULT 'usd' NOT NULL,
	`interval` text DEFAULT 'month' NOT NULL,
	`refcode` text,
	`stripe_subscription_id` text,
	`stripe_customer_id` text,
	`stripe_checkout_session_id` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`canceled_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "recurring_plans_amount_check" CHECK("recurring_plans"."amount_cents" > 0),
	CONSTRAINT "recurring_plans_interval_check" CHECK("recurring_plans"."interval" = 'month'),
	CONSTRAINT "recurring_plans_status_check" CHECK(status in ('pending', 'active', 'past_due', 'canceled'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recurring_plans_subscription_unique` ON `recurring_plans` (`stripe_subscription_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `recurring_plans_checkout_unique` ON `recurring_plans` (`stripe_checkout_session_id`);--> statement-breakpoint
CREATE INDEX `recurring_plans_contact_idx` ON `recurring_plans` (`contact_id`);--> statement-breakpoint
CREATE TABLE `referrals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`referrer_contact_id` integer NOT NULL,
	`suggested_name` text NOT NULL,
	`suggested_email` text,
	`suggested_phone` text,
	`office` text DEFAULT '' NOT NULL,
	`body_id` integer,
	`reason` text DEFAULT '' NOT NULL,
	`suggested_knows` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`candidate_id` integer,
	`follow_token` text,
	`suggested_opted_in_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`referrer_contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`body_id`) REFERENCES `governing_bodies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "referrals_status_check" CHECK(status in ('new', 'contacted', 'questionnaire', 'interviewed', 'endorsed', 'declined'))
);
--> statement-breakpoint
CREATE INDEX `referrals_referrer_idx` ON `referrals` (`referrer_contact_id`);--> statement-breakpoint
CREATE INDEX `referrals_status_idx` ON `referrals` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `referrals_candidate_idx` ON `referrals` (`candidate_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `referrals_follow_token_unique` ON `referrals` (`follow_token`);--> statement-breakpoint
CREATE TABLE `seats` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`body_id` integer NOT NULL,
	`name` text NOT NULL,
	`archived_at` text,
	FOREIGN KEY (`body_id`) REFERENCES `governing_bodies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `seats_body_name_unique` ON `seats` (`body_id`,`name`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`staff_user_id` integer NOT NULL,
	`expires_at` text NOT NULL,
	`ip` text,
	`user_agent` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`staff_user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_staff_user_idx` ON `sessions` (`staff_user_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `staff_users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contact_id` integer NOT NULL,
	`email_normalized` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text DEFAULT 'staff' NOT NULL,
	`disabled_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "staff_users_role_check" CHECK(role in ('admin', 'staff'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_users_email_unique` ON `staff_users` (`email_normalized`);--> statement-breakpoint
CREATE UNIQUE INDEX `staff_users_contact_unique` ON `staff_users` (`contact_id`);--> statement-breakpoint
CREATE TABLE `stripe_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`received_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`processed_at` text
);
--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contact_id` integer NOT NULL,
	`list` text NOT NULL,
	`confirmed_at` text,
	`unsubscribed_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "subscriptions_list_check" CHECK(list in ('updates', 'fundraising', 'volunteer'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscriptions_contact_list_unique` ON `subscriptions` (`contact_id`,`list`);--> statement-breakpoint
CREATE INDEX `subscriptions_list_idx` ON `subscriptions` (`list`,`confirmed_at`);--> statement-breakpoint
CREATE TABLE `tags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tags_name_unique` ON `tags` (`name`);--> statement-breakpoint
CREATE TABLE `terms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`candidate_id` integer NOT NULL,
	`seat_id` integer NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text,
	`role` text DEFAULT 'member' NOT NULL,
	`candidacy_id` integer,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`seat_id`) REFERENCES `seats`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`candidacy_id`) REFERENCES `candidacies`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "terms_role_check" CHECK(role in ('member', 'chair', 'vice_chair', 'secretary')),
	CONSTRAINT "terms_dates_check" CHECK("terms"."end_date" is null or "terms"."end_date" >= "terms"."start_date")
);
--> statement-breakpoint
CREATE INDEX `terms_seat_dates_idx` ON `terms` (`seat_id`,`start_date`);--> statement-breakpoint
CREATE INDEX `terms_candidate_idx` ON `terms` (`candidate_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `terms_candidacy_unique` ON `terms` (`candidacy_id`);--> statement-breakpoint
CREATE TABLE `tips` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contact_id` integer NOT NULL,
	`area` text DEFAULT '' NOT NULL,
	`body` text NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tips_status_check" CHECK(status in ('new', 'reviewing', 'closed'))
);
--> statement-breakpoint
CREATE INDEX `tips_status_idx` ON `tips` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `tips_contact_idx` ON `tips` (`contact_id`);--> statement-breakpoint
CREATE TABLE `update_candidates` (
	`update_id` integer NOT NULL,
	`candidate_id` integer NOT NULL,
	PRIMARY KEY(`update_id`, `candidate_id`),
	FOREIGN KEY (`update_id`) REFERENCES `updates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `update_candidates_candidate_idx` ON `update_candidates` (`candidate_id`);--> statement-breakpoint
CREATE TABLE `update_measures` (
	`update_id` integer NOT NULL,
	`measure_id` integer NOT NULL,
	PRIMARY KEY(`update_id`, `measure_id`),
	FOREIGN KEY (`update_id`) REFERENCES `updates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `update_measures_measure_idx` ON `update_measures` (`measure_id`);--> statement-breakpoint
CREATE TABLE `update_tags` (
	`update_id` integer NOT NULL,
	`issue_tag_id` integer NOT NULL,
	PRIMARY KEY(`update_id`, `issue_tag_id`),
	FOREIGN KEY (`update_id`) REFERENCES `updates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`issue_tag_id`) REFERENCES `issue_tags`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `update_vote_events` (
	`update_id` integer NOT NULL,
	`vote_event_id` integer NOT NULL,
	PRIMARY KEY(`update_id`, `vote_event_id`),
	FOREIGN KEY (`update_id`) REFERENCES `updates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`vote_event_id`) REFERENCES `vote_events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`body_markdown` text DEFAULT '' NOT NULL,
	`visibility` text DEFAULT 'draft' NOT NULL,
	`published_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "updates_visibility_check" CHECK(visibility in ('draft', 'public', 'members'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `updates_slug_unique` ON `updates` (`slug`);--> statement-breakpoint
CREATE INDEX `updates_published_idx` ON `updates` (`visibility`,`published_at`);--> statement-breakpoint
CREATE TABLE `volunteers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contact_id` integer NOT NULL,
	`interests` text DEFAULT '[]' NOT NULL,
	`availability` text DEFAULT '' NOT NULL,
	`area` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`consent_email_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "volunteers_status_check" CHECK(status in ('new', 'contacted', 'active', 'inactive'))
);
--> statement-breakpoint
CREATE INDEX `volunteers_contact_idx` ON `volunteers` (`contact_id`);--> statement-breakpoint
CREATE INDEX `volunteers_status_idx` ON `volunteers` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `vote_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`measure_id` integer NOT NULL,
	`date` text NOT NULL,
	`motion` text DEFAULT '' NOT NULL,
	`result` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "vote_events_result_check" CHECK(result in ('passed', 'failed'))
);
--> statement-breakpoint
CREATE INDEX `vote_events_measure_idx` ON `vote_events` (`measure_id`,`date`);--> statement-breakpoint
CREATE INDEX `vote_events_date_idx` ON `vote_events` (`date`);--> statement-breakpoint
CREATE TABLE `votes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`vote_event_id` integer NOT NULL,
	`term_id` integer NOT NULL,
	`option` text NOT NULL,
	FOREIGN KEY (`vote_event_id`) REFERENCES `vote_events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`term_id`) REFERENCES `terms`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "votes_option_check" CHECK(option in ('yes', 'no', 'abstain', 'absent'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `votes_event_term_unique` ON `votes` (`vote_event_id`,`term_id`);--> statement-breakpoint
CREATE INDEX `votes_term_idx` ON `votes` (`term_id`);