-- The summary triggers at one delivery at a time (docs/PERFORMANCE.md, "What it costs the
-- webhook"): every statement of intake and of a match then fires its triggers for one row, or for
-- none. The summaries stay exact at every commit; what changes is how much work a trigger does
-- when the statement changed nothing it summarises.

-- A recount that finds the parts or waits as they are returns before it writes anything: in a
-- match the payments and the order are written by one statement, and the history entry and the
-- transfer by one, so the second trigger of each pair recounts what the first just wrote. Only
-- a difference goes on to the recount as it was, which takes every old row away and adds every
-- fresh one.
CREATE OR REPLACE FUNCTION recount_order_revenue(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(ids) IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM FROM orders WHERE id = ANY (ids) ORDER BY id FOR UPDATE;
  IF NOT EXISTS (
    SELECT FROM (SELECT order_id, account_number, bank_label, day, amount FROM order_revenue_now(ids)) AS fresh
    FULL JOIN (SELECT order_id, account_number, bank_label, day, amount FROM order_revenue_parts WHERE order_id = ANY (ids)) AS kept
      ON kept.order_id = fresh.order_id AND kept.account_number = fresh.account_number
    WHERE (fresh.bank_label, fresh.day, fresh.amount) IS DISTINCT FROM (kept.bank_label, kept.day, kept.amount)
  ) THEN
    RETURN;
  END IF;
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
-- With one order the planner prices its own plan for the given ids below the general one, and
-- would plan the lock again on every call; the general plan reads the same index.
ALTER FUNCTION recount_order_revenue(uuid[]) SET plan_cache_mode = force_generic_plan;

CREATE OR REPLACE FUNCTION recount_match_waits(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(ids) IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  IF NOT EXISTS (
    SELECT FROM (SELECT mutation_id, day, automatic, minutes FROM match_waits_now(ids)) AS fresh
    FULL JOIN (SELECT mutation_id, day, automatic, minutes FROM match_waits WHERE mutation_id = ANY (ids)) AS kept
      ON kept.mutation_id = fresh.mutation_id
    WHERE (fresh.day, fresh.automatic, fresh.minutes) IS DISTINCT FROM (kept.day, kept.automatic, kept.minutes)
  ) THEN
    RETURN;
  END IF;
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

-- Calling count_dashboard_change is a query; after the transaction's first change, the flag it
-- sets is read here as a plain expression instead, and the call skipped.
CREATE OR REPLACE FUNCTION dashboard_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('cocok.dashboard_changed', true) IS DISTINCT FROM 'yes' THEN PERFORM count_dashboard_change(); END IF;
  RETURN NULL;
END $$;

-- A statement that changed no row (a match's writes go as one statement, and most of its parts
-- are empty for most transfers) counts no change and recounts nothing; the change counter is
-- bumped by the same trigger that recounts, not by a second one on the same event.
CREATE OR REPLACE FUNCTION revenue_payments_added() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched uuid[];
BEGIN
  SELECT array_agg(DISTINCT order_id) INTO touched FROM added;
  IF touched IS NULL THEN RETURN NULL; END IF;
  IF current_setting('cocok.dashboard_changed', true) IS DISTINCT FROM 'yes' THEN PERFORM count_dashboard_change(); END IF;
  PERFORM recount_order_revenue(touched);
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION revenue_payments_removed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched uuid[];
BEGIN
  SELECT array_agg(DISTINCT order_id) INTO touched FROM removed;
  IF touched IS NULL THEN RETURN NULL; END IF;
  IF current_setting('cocok.dashboard_changed', true) IS DISTINCT FROM 'yes' THEN PERFORM count_dashboard_change(); END IF;
  PERFORM recount_order_revenue(touched);
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION revenue_payments_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched uuid[];
BEGIN
  SELECT array_agg(order_id) INTO touched FROM (SELECT order_id FROM removed UNION SELECT order_id FROM added) AS changed;
  IF touched IS NULL THEN RETURN NULL; END IF;
  IF current_setting('cocok.dashboard_changed', true) IS DISTINCT FROM 'yes' THEN PERFORM count_dashboard_change(); END IF;
  PERFORM recount_order_revenue(touched);
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION revenue_orders_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched uuid[];
BEGIN
  IF NOT EXISTS (SELECT FROM added) THEN RETURN NULL; END IF;
  IF current_setting('cocok.dashboard_changed', true) IS DISTINCT FROM 'yes' THEN PERFORM count_dashboard_change(); END IF;
  SELECT array_agg(added.id) INTO touched
    FROM added JOIN removed ON removed.id = added.id
   WHERE (added.status IN ('paid', 'underpaid', 'overpaid') OR removed.status IN ('paid', 'underpaid', 'overpaid'))
     AND (added.status, added.paid_at) IS DISTINCT FROM (removed.status, removed.paid_at);
  IF touched IS NOT NULL THEN PERFORM recount_order_revenue(touched); END IF;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION revenue_orders_removed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched uuid[];
BEGIN
  IF NOT EXISTS (SELECT FROM removed) THEN RETURN NULL; END IF;
  IF current_setting('cocok.dashboard_changed', true) IS DISTINCT FROM 'yes' THEN PERFORM count_dashboard_change(); END IF;
  SELECT array_agg(id) INTO touched FROM removed WHERE status IN ('paid', 'underpaid', 'overpaid');
  IF touched IS NOT NULL THEN PERFORM recount_order_revenue(touched); END IF;
  RETURN NULL;
END $$;

DROP TRIGGER changes_counted ON payments;
CREATE TRIGGER changes_counted AFTER TRUNCATE ON payments
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_changed();
DROP TRIGGER changes_counted ON orders;
CREATE TRIGGER changes_counted AFTER INSERT OR TRUNCATE ON orders
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_changed();

-- One look at the statement's rows says which summaries it moves: a transfer processed without
-- a match (its state stays open) moves none of them.
CREATE OR REPLACE FUNCTION mutations_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  days_moved boolean;
  waits_moved uuid[];
  revenue_moved uuid[];
BEGIN
  -- Intake's INSERT ... ON CONFLICT DO UPDATE fires this on every delivery, mostly with nothing updated.
  IF NOT EXISTS (SELECT FROM added) THEN RETURN NULL; END IF;
  -- A row whose id changed has no partner in removed: the daily summary is then recounted from
  -- both tables whole, which holds for any update.
  SELECT bool_or(removed.id IS NULL
                 OR (added.occurred_at, added.bank_id, added.type, mutation_day_state(added.match_state), added.sandbox, added.amount)
                    IS DISTINCT FROM (removed.occurred_at, removed.bank_id, removed.type, mutation_day_state(removed.match_state), removed.sandbox, removed.amount)),
         array_agg(added.id) FILTER (
           WHERE (added.type, added.match_state = 'matched', added.sandbox, added.received_at)
                 IS DISTINCT FROM (removed.type, removed.match_state = 'matched', removed.sandbox, removed.received_at)),
         array_agg(added.id) FILTER (
           WHERE (added.sandbox, added.account_number, added.bank_label) IS DISTINCT FROM (removed.sandbox, removed.account_number, removed.bank_label))
    INTO days_moved, waits_moved, revenue_moved
    FROM added LEFT JOIN removed ON removed.id = added.id;
  IF current_setting('cocok.dashboard_changed', true) IS DISTINCT FROM 'yes' THEN PERFORM count_dashboard_change(); END IF;
  IF days_moved THEN
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
  END IF;
  IF revenue_moved IS NOT NULL THEN
    PERFORM recount_order_revenue(ARRAY(SELECT DISTINCT order_id FROM payments WHERE mutation_id = ANY (revenue_moved) AND undone_at IS NULL));
  END IF;
  IF waits_moved IS NOT NULL THEN PERFORM recount_match_waits(waits_moved); END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION revenue_history_added() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched uuid[];
BEGIN
  SELECT array_agg(DISTINCT mutation_id) INTO touched FROM added
   WHERE action IN ('matched_automatically', 'confirmed', 'matched_by_hand', 'split');
  IF touched IS NOT NULL THEN PERFORM recount_match_waits(touched); END IF;
  RETURN NULL;
END $$;
