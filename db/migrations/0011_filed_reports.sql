CREATE TABLE `filed_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`from_day` text NOT NULL,
	`to_day` text NOT NULL,
	`profile` text NOT NULL,
	`amends_report_id` integer,
	`snapshot_json` text NOT NULL,
	`filed_by_staff_id` integer NOT NULL,
	`filed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`filed_by_staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `filed_reports_range_idx` ON `filed_reports` (`from_day`,`to_day`);--> statement-breakpoint
-- A filed report is evidence: a correction is an amendment, never an edit.
CREATE TRIGGER `filed_reports_no_update` BEFORE UPDATE ON `filed_reports`
BEGIN
  SELECT RAISE(ABORT, 'filed_reports are frozen: file an amendment instead');
END;
--> statement-breakpoint
CREATE TRIGGER `filed_reports_no_delete` BEFORE DELETE ON `filed_reports`
BEGIN
  SELECT RAISE(ABORT, 'filed_reports are frozen: file an amendment instead');
END;
