-- CreateTable
CREATE TABLE "order_revenue_parts" (
    "order_id" UUID NOT NULL,
    "account_number" TEXT NOT NULL,
    "bank_label" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "amount" BIGINT NOT NULL,

    CONSTRAINT "order_revenue_parts_pkey" PRIMARY KEY ("order_id","account_number")
);

-- CreateTable
CREATE TABLE "revenue_days" (
    "day" DATE NOT NULL,
    "slot" SMALLINT NOT NULL,
    "orders" INTEGER NOT NULL,
    "revenue" BIGINT NOT NULL,

    CONSTRAINT "revenue_days_pkey" PRIMARY KEY ("day","slot")
);

-- CreateTable
CREATE TABLE "revenue_account_days" (
    "day" DATE NOT NULL,
    "account_number" TEXT NOT NULL,
    "bank_label" TEXT NOT NULL,
    "slot" SMALLINT NOT NULL,
    "orders" INTEGER NOT NULL,
    "revenue" BIGINT NOT NULL,

    CONSTRAINT "revenue_account_days_pkey" PRIMARY KEY ("day","account_number","bank_label","slot")
);

-- CreateTable
CREATE TABLE "match_waits" (
    "mutation_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "automatic" BOOLEAN NOT NULL,
    "minutes" INTEGER NOT NULL,

    CONSTRAINT "match_waits_pkey" PRIMARY KEY ("mutation_id")
);

-- CreateTable
CREATE TABLE "match_days" (
    "day" DATE NOT NULL,
    "automatic" BOOLEAN NOT NULL,
    "minutes" INTEGER NOT NULL,
    "slot" SMALLINT NOT NULL,
    "matches" INTEGER NOT NULL,

    CONSTRAINT "match_days_pkey" PRIMARY KEY ("day","automatic","minutes","slot")
);

-- What the given orders add to revenue now, per account: the revenue report's rule (money a sandbox
-- transfer paid is not revenue; an order only sandbox money paid counts nowhere) as rows.
CREATE FUNCTION order_revenue_now(ids uuid[])
  RETURNS TABLE (order_id uuid, account_number text, bank_label text, day date, amount bigint)
  LANGUAGE sql STABLE AS $$
  SELECT p.order_id, m.account_number, coalesce(max(m.bank_label), ''), jakarta_day(o.paid_at), sum(p.amount)::bigint
    FROM unnest(ids) AS affected(id)
    JOIN orders o ON o.id = affected.id
    JOIN payments p ON p.order_id = o.id AND p.undone_at IS NULL
    JOIN mutations m ON m.id = p.mutation_id AND NOT m.sandbox
   WHERE o.status IN ('paid', 'underpaid', 'overpaid') AND o.paid_at IS NOT NULL
   GROUP BY p.order_id, m.account_number, o.paid_at
$$;

-- Replaces the given orders' shares in order_revenue_parts and adds the difference to the two
-- revenue summaries. Whoever changes an order's payments or status holds the order; a sandbox
-- change on a transfer may not, and waits here so that the recount sees the other's work.
CREATE FUNCTION recount_order_revenue(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(ids) IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM FROM orders WHERE id = ANY (ids) ORDER BY id FOR UPDATE;
  WITH stale AS (
    DELETE FROM order_revenue_parts WHERE order_id = ANY (ids) RETURNING order_id, account_number, bank_label, day, amount
  ), change AS (
    SELECT order_id, account_number, bank_label, day, 1 AS orders, amount FROM order_revenue_now(ids)
    UNION ALL
    SELECT order_id, account_number, bank_label, day, -1, -amount FROM stale
  ), by_account AS (
    INSERT INTO revenue_account_days AS d (day, account_number, bank_label, slot, orders, revenue)
    SELECT day, account_number, bank_label, summary_slot(), sum(orders), sum(amount) FROM change
     GROUP BY day, account_number, bank_label HAVING sum(orders) <> 0 OR sum(amount) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (day, account_number, bank_label, slot) DO UPDATE
      SET orders = d.orders + excluded.orders, revenue = d.revenue + excluded.revenue
  )
  INSERT INTO revenue_days AS d (day, slot, orders, revenue)
  SELECT day, summary_slot(),
         count(DISTINCT order_id) FILTER (WHERE orders > 0) - count(DISTINCT order_id) FILTER (WHERE orders < 0), sum(amount)
    FROM change GROUP BY day
  HAVING count(DISTINCT order_id) FILTER (WHERE orders > 0) <> count(DISTINCT order_id) FILTER (WHERE orders < 0) OR sum(amount) <> 0
   ORDER BY 1
  ON CONFLICT (day, slot) DO UPDATE SET orders = d.orders + excluded.orders, revenue = d.revenue + excluded.revenue;
  INSERT INTO order_revenue_parts (order_id, account_number, bank_label, day, amount) SELECT * FROM order_revenue_now(ids);
END $$;

-- The match that holds now for the given transfers (the last paying entry of a matched,
-- non-sandbox credit), with the whole minutes since the transfer was received.
CREATE FUNCTION match_waits_now(ids uuid[])
  RETURNS TABLE (mutation_id uuid, day date, automatic boolean, minutes integer)
  LANGUAGE sql STABLE AS $$
  SELECT DISTINCT ON (h.mutation_id) h.mutation_id, jakarta_day(h.created_at), h.action = 'matched_automatically',
         floor(extract(epoch FROM h.created_at - m.received_at) / 60)::integer
    FROM unnest(ids) AS affected(id)
    JOIN mutations m ON m.id = affected.id AND m.type = 'CR' AND m.match_state = 'matched' AND NOT m.sandbox
    JOIN history h ON h.mutation_id = m.id AND h.action IN ('matched_automatically', 'confirmed', 'matched_by_hand', 'split')
   ORDER BY h.mutation_id, h.created_at DESC, h.id DESC
$$;

CREATE FUNCTION recount_match_waits(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(ids) IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  WITH stale AS (
    DELETE FROM match_waits WHERE mutation_id = ANY (ids) RETURNING day, automatic, minutes
  ), change AS (
    SELECT day, automatic, minutes, 1 AS matches FROM match_waits_now(ids)
    UNION ALL
    SELECT day, automatic, minutes, -1 FROM stale
  )
  INSERT INTO match_days AS d (day, automatic, minutes, slot, matches)
  SELECT day, automatic, minutes, summary_slot(), sum(matches) FROM change
   GROUP BY 1, 2, 3 HAVING sum(matches) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT (day, automatic, minutes, slot) DO UPDATE SET matches = d.matches + excluded.matches;
  INSERT INTO match_waits (mutation_id, day, automatic, minutes) SELECT * FROM match_waits_now(ids);
END $$;

-- Each trigger only names what its statement touched: a transfer's match is counted again when its
-- type, being matched, sandbox flag or time received change; the orders it paid when its sandbox
-- flag, account or label change; an order when its status or time paid change.
CREATE FUNCTION revenue_payments_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM recount_order_revenue(array_agg(DISTINCT order_id)) FROM added;
  RETURN NULL;
END $$;
CREATE FUNCTION revenue_payments_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM recount_order_revenue(array_agg(DISTINCT order_id)) FROM removed;
  RETURN NULL;
END $$;
CREATE FUNCTION revenue_payments_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM recount_order_revenue(array_agg(DISTINCT order_id)) FROM (SELECT order_id FROM removed UNION SELECT order_id FROM added) AS touched;
  RETURN NULL;
END $$;
CREATE FUNCTION revenue_orders_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM recount_order_revenue(array_agg(added.id))
     FROM added JOIN removed ON removed.id = added.id
    WHERE (added.status IN ('paid', 'underpaid', 'overpaid') OR removed.status IN ('paid', 'underpaid', 'overpaid'))
      AND (added.status, added.paid_at) IS DISTINCT FROM (removed.status, removed.paid_at);
  RETURN NULL;
END $$;
CREATE FUNCTION revenue_orders_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM recount_order_revenue(array_agg(id)) FROM removed WHERE status IN ('paid', 'underpaid', 'overpaid');
  RETURN NULL;
END $$;
-- One UPDATE trigger on mutations keeps both the daily mutation summary and the revenue ones:
-- intake fires it on every delivery (ON CONFLICT DO UPDATE), and each trigger there costs.
DROP TRIGGER mutation_days_updated ON mutations;
DROP FUNCTION mutation_days_changed();
CREATE FUNCTION mutations_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT FROM added) THEN RETURN NULL; END IF;
  PERFORM count_dashboard_change();
  INSERT INTO mutation_days AS d (day, bank_id, type, state, sandbox, slot, mutations, amount)
  SELECT day, bank_id, type, state, sandbox, summary_slot(), sum(mutations), sum(amount)
    FROM (SELECT jakarta_day(occurred_at) AS day, bank_id, type, mutation_day_state(match_state) AS state, sandbox, -1 AS mutations, -amount AS amount
            FROM removed
          UNION ALL
          SELECT jakarta_day(occurred_at), bank_id, type, mutation_day_state(match_state), sandbox, 1, amount
            FROM added) AS change
   GROUP BY 1, 2, 3, 4, 5
  HAVING sum(mutations) <> 0 OR sum(amount) <> 0
   ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (day, bank_id, type, state, sandbox, slot) DO UPDATE
    SET mutations = d.mutations + excluded.mutations, amount = d.amount + excluded.amount;
  PERFORM recount_order_revenue(array_agg(DISTINCT p.order_id) FILTER (WHERE p.order_id IS NOT NULL)),
          recount_match_waits(array_agg(DISTINCT added.id) FILTER (
            WHERE (added.type, added.match_state = 'matched', added.sandbox, added.received_at)
                  IS DISTINCT FROM (removed.type, removed.match_state = 'matched', removed.sandbox, removed.received_at)))
     FROM added JOIN removed ON removed.id = added.id
     LEFT JOIN payments p ON p.mutation_id = added.id AND p.undone_at IS NULL
          AND (added.sandbox, added.account_number, added.bank_label) IS DISTINCT FROM (removed.sandbox, removed.account_number, removed.bank_label)
    WHERE (added.type, added.match_state = 'matched', added.sandbox, added.received_at, added.account_number, added.bank_label)
          IS DISTINCT FROM (removed.type, removed.match_state = 'matched', removed.sandbox, removed.received_at, removed.account_number, removed.bank_label);
  RETURN NULL;
END $$;
CREATE FUNCTION revenue_history_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM recount_match_waits(array_agg(DISTINCT mutation_id)) FROM added
    WHERE action IN ('matched_automatically', 'confirmed', 'matched_by_hand', 'split');
  RETURN NULL;
END $$;
CREATE FUNCTION revenue_history_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM recount_match_waits(array_agg(DISTINCT mutation_id)) FROM removed
    WHERE action IN ('matched_automatically', 'confirmed', 'matched_by_hand', 'split');
  RETURN NULL;
END $$;
CREATE FUNCTION revenue_history_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM recount_match_waits(array_agg(DISTINCT mutation_id))
     FROM (SELECT mutation_id, action FROM removed UNION ALL SELECT mutation_id, action FROM added) AS touched
    WHERE action IN ('matched_automatically', 'confirmed', 'matched_by_hand', 'split');
  RETURN NULL;
END $$;

CREATE TRIGGER revenue_inserted AFTER INSERT ON payments
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION revenue_payments_added();
CREATE TRIGGER revenue_updated AFTER UPDATE ON payments
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION revenue_payments_changed();
CREATE TRIGGER revenue_deleted AFTER DELETE ON payments
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION revenue_payments_removed();
CREATE TRIGGER revenue_updated AFTER UPDATE ON orders
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION revenue_orders_changed();
CREATE TRIGGER revenue_deleted AFTER DELETE ON orders
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION revenue_orders_removed();
CREATE TRIGGER summaries_updated AFTER UPDATE ON mutations
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION mutations_changed();
CREATE TRIGGER revenue_inserted AFTER INSERT ON history
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION revenue_history_added();
CREATE TRIGGER revenue_updated AFTER UPDATE ON history
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION revenue_history_changed();
CREATE TRIGGER revenue_deleted AFTER DELETE ON history
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION revenue_history_removed();

-- The triggers above hold off writers until this transaction commits: the backfill sees every row.
INSERT INTO order_revenue_parts SELECT * FROM order_revenue_now(ARRAY(SELECT id FROM orders WHERE status IN ('paid', 'underpaid', 'overpaid')));
INSERT INTO revenue_account_days (day, account_number, bank_label, slot, orders, revenue)
SELECT day, account_number, bank_label, 0, count(*), sum(amount) FROM order_revenue_parts GROUP BY 1, 2, 3;
INSERT INTO revenue_days (day, slot, orders, revenue)
SELECT day, 0, count(DISTINCT order_id), sum(amount) FROM order_revenue_parts GROUP BY 1;
INSERT INTO match_waits SELECT * FROM match_waits_now(ARRAY(SELECT id FROM mutations WHERE type = 'CR' AND match_state = 'matched' AND NOT sandbox));
INSERT INTO match_days (day, automatic, minutes, slot, matches) SELECT day, automatic, minutes, 0, count(*) FROM match_waits GROUP BY 1, 2, 3;
