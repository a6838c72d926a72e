CREATE TABLE `corrections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`vote_event_id` integer,
	`candidacy_id` integer,
	`text` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`vote_event_id`) REFERENCES `vote_events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`candidacy_id`) REFERENCES `candidacies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `corrections_vote_event_idx` ON `corrections` (`vote_event_id`);--> statement-breakpoint
CREATE INDEX `corrections_candidacy_idx` ON `corrections` (`candidacy_id`);--> statement-breakpoint
ALTER TABLE `candidacies` ADD `note` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `contests` ADD `first_round_contest_id` integer REFERENCES contests(id);--> statement-breakpoint
CREATE INDEX `contests_first_round_idx` ON `contests` (`first_round_contest_id`);--> statement-breakpoint
ALTER TABLE `elections` ADD `source_url` text;--> statement-breakpoint
ALTER TABLE `endorsements` ADD `source_url` text;--> statement-breakpoint
ALTER TABLE `endorsements` ADD `note` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `endorsements` ADD `rescinded_at` text;--> statement-breakpoint
CREATE UNIQUE INDEX `endorsements_candidate_contest_unique` ON `endorsements` (`candidate_id`,`contest_id`);--> statement-breakpoint
-- Added in place (not by rebuilding the table) so that rows referencing the body keep their keys.
ALTER TABLE `governing_bodies` ADD `passing_rule` text DEFAULT 'majority_of_voting' NOT NULL CONSTRAINT "governing_bodies_passing_rule_check" CHECK(passing_rule in ('majority_of_voting', 'majority_of_body'));--> statement-breakpoint
ALTER TABLE `terms` ADD `source_url` text;--> statement-breakpoint
ALTER TABLE `terms` ADD `note` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Added in place, as above: a rebuild would cascade-delete every vote of every roll call.
ALTER TABLE `vote_events` ADD `result_override_reason` text;--> statement-breakpoint
ALTER TABLE `vote_events` ADD `preferred_vote` text CONSTRAINT "vote_events_preferred_check" CHECK(preferred_vote is null or preferred_vote in ('yes', 'no'));--> statement-breakpoint
ALTER TABLE `vote_events` ADD `preferred_reason` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `vote_events` ADD `archived_at` text;--> statement-breakpoint
-- Roll calls recorded before roll calls were scored one by one keep the scoring they had: the measure's position.
UPDATE `vote_events` SET
  `preferred_vote` = (SELECT CASE m.`pac_position` WHEN 'support' THEN 'yes' WHEN 'oppose' THEN 'no' END FROM `measures` m WHERE m.`id` = `vote_events`.`measure_id`),
  `preferred_reason` = 'Scored from the measure''s position (recorded before roll calls were scored one by one).'
WHERE (SELECT m.`pac_position` FROM `measures` m WHERE m.`id` = `vote_events`.`measure_id`) IN ('support', 'oppose');
