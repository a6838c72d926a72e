-- Added in place (not by rebuilding donations): a rebuild would drop the donation_totals
-- triggers and rewrite every gift. Existing gifts were recorded as individuals' own money.
ALTER TABLE `donations` ADD `contributor_type` text DEFAULT 'individual' NOT NULL CONSTRAINT "donations_contributor_type_check" CHECK(contributor_type in ('individual', 'business', 'union', 'political_committee', 'party', 'other'));
