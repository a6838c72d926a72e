-- Full-text search over contacts by name, email, phone digits and tag names (FTS5).
-- The row id is the contact id; merged and erased contacts are left out of the index.
CREATE VIRTUAL TABLE `contacts_fts` USING fts5(name, email, phone, tags, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
--> statement-breakpoint
INSERT INTO `contacts_fts`(rowid, name, email, phone, tags)
SELECT c.id, c.first_name || ' ' || c.last_name, coalesce(c.email_normalized, ''), coalesce(c.phone_digits, ''),
  coalesce((SELECT group_concat(t.name, ' ') FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id), '')
FROM contacts c WHERE c.merged_into_id IS NULL AND c.erased_at IS NULL;
--> statement-breakpoint
CREATE TRIGGER `contacts_fts_after_insert` AFTER INSERT ON `contacts`
WHEN new.merged_into_id IS NULL AND new.erased_at IS NULL
BEGIN
  INSERT INTO contacts_fts(rowid, name, email, phone, tags)
  VALUES (new.id, new.first_name || ' ' || new.last_name, coalesce(new.email_normalized, ''), coalesce(new.phone_digits, ''), '');
END;
--> statement-breakpoint
CREATE TRIGGER `contacts_fts_after_update` AFTER UPDATE OF first_name, last_name, email_normalized, phone_digits, merged_into_id, erased_at ON `contacts`
BEGIN
  DELETE FROM contacts_fts WHERE rowid = old.id;
  INSERT INTO contacts_fts(rowid, name, email, phone, tags)
  SELECT new.id, new.first_name || ' ' || new.last_name, coalesce(new.email_normalized, ''), coalesce(new.phone_digits, ''),
    coalesce((SELECT group_concat(t.name, ' ') FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = new.id), '')
  WHERE new.merged_into_id IS NULL AND new.erased_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `contacts_fts_after_delete` AFTER DELETE ON `contacts`
BEGIN
  DELETE FROM contacts_fts WHERE rowid = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `contact_tags_fts_after_insert` AFTER INSERT ON `contact_tags`
BEGIN
  UPDATE contacts_fts SET tags = coalesce((SELECT group_concat(t.name, ' ') FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = new.contact_id), '')
  WHERE rowid = new.contact_id;
END;
--> statement-breakpoint
CREATE TRIGGER `contact_tags_fts_after_delete` AFTER DELETE ON `contact_tags`
BEGIN
  UPDATE contacts_fts SET tags = coalesce((SELECT group_concat(t.name, ' ') FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = old.contact_id), '')
  WHERE rowid = old.contact_id;
END;
--> statement-breakpoint
CREATE TRIGGER `tags_fts_after_rename` AFTER UPDATE OF name ON `tags`
BEGIN
  UPDATE contacts_fts SET tags = coalesce((SELECT group_concat(t.name, ' ') FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = contacts_fts.rowid), '')
  WHERE rowid IN (SELECT contact_id FROM contact_tags WHERE tag_id = new.id);
END;
