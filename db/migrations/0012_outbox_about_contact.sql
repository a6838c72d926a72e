ALTER TABLE `email_outbox` ADD `about_contact_id` integer REFERENCES contacts(id);--> statement-breakpoint
CREATE INDEX `email_outbox_about_contact_idx` ON `email_outbox` (`about_contact_id`);--> statement-breakpoint
-- Staff notices enqueued before the column existed: the last time their key names the row they announced.
UPDATE `email_outbox` SET `about_contact_id` = (SELECT `contact_id` FROM `volunteers` WHERE `volunteers`.`id` = CAST(substr(`idempotency_key`, 24) AS integer)) WHERE `idempotency_key` LIKE 'volunteer-staff-notice:%';--> statement-breakpoint
UPDATE `email_outbox` SET `about_contact_id` = (SELECT `contact_id` FROM `tips` WHERE `tips`.`id` = CAST(substr(`idempotency_key`, 18) AS integer)) WHERE `idempotency_key` LIKE 'tip-staff-notice:%';--> statement-breakpoint
UPDATE `email_outbox` SET `about_contact_id` = (SELECT `referrer_contact_id` FROM `referrals` WHERE `referrals`.`id` = CAST(substr(`idempotency_key`, 23) AS integer)) WHERE `idempotency_key` LIKE 'referral-staff-notice:%';
