-- CreateTable
CREATE TABLE "mutation_days" (
    "day" DATE NOT NULL,
    "bank_id" TEXT NOT NULL,
    "type" "mutation_type" NOT NULL,
    "state" TEXT NOT NULL,
    "sandbox" BOOLEAN NOT NULL,
    "slot" SMALLINT NOT NULL,
    "mutations" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,

    CONSTRAINT "mutation_days_pkey" PRIMARY KEY ("day","bank_id","type","state","sandbox","slot")
);

-- CreateTable
CREATE TABLE "dashboard_changes" (
    "slot" SMALLINT NOT NULL,
    "changes" BIGINT NOT NULL,

    CONSTRAINT "dashboard_changes_pkey" PRIMARY KEY ("slot")
);

-- CreateIndex
CREATE INDEX "mutations_waiting_for_person_idx" ON "mutations"("received_at", "id") WHERE (match_state = ANY (ARRAY['unmatched'::match_state, 'suggested'::match_state, 'review'::match_state]));

-- The row of mutation_days and dashboard_changes a transaction writes: spread over 32 rows by the
-- connection, so concurrent deliveries on different connections do not wait for one row lock, and
-- one transaction's writes stay in one row per key. The pool's connections open in bursts and get
-- consecutive process ids, which land in different slots.
CREATE FUNCTION summary_slot() RETURNS smallint LANGUAGE sql STABLE PARALLEL SAFE
  RETURN (pg_backend_pid() % 32)::smallint;

-- What the overview and cash flow tell apart; the other match states come and go while a transfer
-- is processed, and summing them as 'open' keeps those changes from writing the summary.
CREATE FUNCTION mutation_day_state(state match_state) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE state WHEN 'matched' THEN 'matched' WHEN 'ignored' THEN 'ignored' ELSE 'open' END;

CREATE FUNCTION jakarta_day(instant timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN (instant AT TIME ZONE 'Asia/Jakarta')::date;

-- One more change to what the polled dashboard reads show, counted once per transaction (the flag
-- is local to it, and undone with a rolled-back savepoint): a delivery bumps the counter once, not
-- once per table its statement writes. Every trigger counts before it writes a summary row, so a
-- transaction takes its slot's counter row before any summary row.
CREATE FUNCTION count_dashboard_change() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('cocok.dashboard_changed', true) IS DISTINCT FROM 'yes' THEN
    PERFORM set_config('cocok.dashboard_changed', 'yes', true);
    INSERT INTO dashboard_changes AS c (slot, changes) VALUES (summary_slot(), 1)
    ON CONFLICT (slot) DO UPDATE SET changes = c.changes + 1;
  END IF;
END $$;

CREATE FUNCTION dashboard_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM count_dashboard_change();
  RETURN NULL;
END $$;

-- Adds each statement's difference per key: removed rows count negative, added ones positive; a key
-- whose difference is zero (a processing-state update, a seen-at stamp) is not written.
CREATE FUNCTION mutation_days_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM count_dashboard_change();
  INSERT INTO mutation_days AS d (day, bank_id, type, state, sandbox, slot, mutations, amount)
  SELECT jakarta_day(occurred_at), bank_id, type, mutation_day_state(match_state), sandbox, summary_slot(), count(*), sum(amount)
    FROM added GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (day, bank_id, type, state, sandbox, slot) DO UPDATE
    SET mutations = d.mutations + excluded.mutations, amount = d.amount + excluded.amount;
  RETURN NULL;
END $$;

CREATE FUNCTION mutation_days_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM count_dashboard_change();
  INSERT INTO mutation_days AS d (day, bank_id, type, state, sandbox, slot, mutations, amount)
  SELECT jakarta_day(occurred_at), bank_id, type, mutation_day_state(match_state), sandbox, summary_slot(), -count(*), -sum(amount)
    FROM removed GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (day, bank_id, type, state, sandbox, slot) DO UPDATE
    SET mutations = d.mutations + excluded.mutations, amount = d.amount + excluded.amount;
  RETURN NULL;
END $$;

-- Intake's INSERT ... ON CONFLICT DO UPDATE fires the UPDATE triggers on every delivery, mostly
-- with nothing updated: a look at the transition table is cheaper than the upsert's plan.
CREATE FUNCTION mutation_days_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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
  RETURN NULL;
END $$;

-- Transition tables allow one event per trigger, and no column list on UPDATE.
CREATE TRIGGER mutation_days_inserted AFTER INSERT ON mutations
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION mutation_days_added();
CREATE TRIGGER mutation_days_updated AFTER UPDATE ON mutations
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION mutation_days_changed();
CREATE TRIGGER mutation_days_deleted AFTER DELETE ON mutations
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION mutation_days_removed();

-- The mutations' own triggers above count their changes; a TRUNCATE has no rows to look at.
CREATE TRIGGER changes_counted AFTER TRUNCATE ON mutations
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_changed();
CREATE TRIGGER changes_counted AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON orders
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_changed();
CREATE TRIGGER changes_counted AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON payments
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_changed();
CREATE TRIGGER changes_counted AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON deliveries
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_changed();
CREATE TRIGGER changes_counted AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON settings
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_changed();

-- The triggers above hold off writers until this transaction commits: the backfill sees every row.
INSERT INTO mutation_days (day, bank_id, type, state, sandbox, slot, mutations, amount)
SELECT jakarta_day(occurred_at), bank_id, type, mutation_day_state(match_state), sandbox, 0, count(*), sum(amount)
  FROM mutations GROUP BY 1, 2, 3, 4, 5;
