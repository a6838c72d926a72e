CREATE TABLE `donation_totals` (
	`id` integer PRIMARY KEY NOT NULL,
	`net_cents` integer DEFAULT 0 NOT NULL,
	CONSTRAINT "donation_totals_single_row" CHECK("donation_totals"."id" = 1)
);
--> statement-breakpoint
-- A gift counts while it is received (succeeded, partially or fully refunded, disputed), for its
-- amount net of refunds and disputes, as compliance.server.ts's netCentsSql does.
INSERT INTO `donation_totals` (id, net_cents)
SELECT 1, coalesce(sum(max(0, amount_cents - refunded_cents - disputed_cents)), 0)
FROM donations WHERE status IN ('succeeded', 'partially_refunded', 'refunded', 'disputed');
--> statement-breakpoint
CREATE TRIGGER `donation_totals_after_insert` AFTER INSERT ON `donations`
WHEN new.status IN ('succeeded', 'partially_refunded', 'refunded', 'disputed')
BEGIN
  UPDATE donation_totals SET net_cents = net_cents + max(0, new.amount_cents - new.refunded_cents - new.disputed_cents) WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `donation_totals_after_update` AFTER UPDATE OF status, amount_cents, refunded_cents, disputed_cents ON `donations`
BEGIN
  UPDATE donation_totals SET net_cents = net_cents
    - (CASE WHEN old.status IN ('succeeded', 'partially_refunded', 'refunded', 'disputed') THEN max(0, old.amount_cents - old.refunded_cents - old.disputed_cents) ELSE 0 END)
    + (CASE WHEN new.status IN ('succeeded', 'partially_refunded', 'refunded', 'disputed') THEN max(0, new.amount_cents - new.refunded_cents - new.disputed_cents) ELSE 0 END)
  WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `donation_totals_after_delete` AFTER DELETE ON `donations`
WHEN old.status IN ('succeeded', 'partially_refunded', 'refunded', 'disputed')
BEGIN
  UPDATE donation_totals SET net_cents = net_cents - max(0, old.amount_cents - old.refunded_cents - old.disputed_cents) WHERE id = 1;
END;
