-- CreateEnum
CREATE TYPE "mutation_origin" AS ENUM ('webhook', 'api-sync', 'statement');

-- CreateEnum
CREATE TYPE "sync_run_state" AS ENUM ('running', 'succeeded', 'failed');

-- AlterTable
ALTER TABLE "deliveries" ADD COLUMN     "source" "mutation_origin" NOT NULL DEFAULT 'webhook',
ADD COLUMN     "sync_run_id" UUID;

-- AlterTable
ALTER TABLE "mutations" ADD COLUMN     "origin" "mutation_origin" NOT NULL DEFAULT 'webhook',
ADD COLUMN     "sandbox" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "statement_seen_at" TIMESTAMPTZ(3),
ADD COLUMN     "sync_seen_at" TIMESTAMPTZ(3),
ADD COLUMN     "webhook_seen_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "accounts" (
    "id" UUID NOT NULL,
    "moota_bank_id" TEXT NOT NULL,
    "bank_type" TEXT,
    "label" TEXT,
    "holder" TEXT,
    "account_number" TEXT NOT NULL,
    "balance" BIGINT,
    "balance_at" TIMESTAMPTZ(3),
    "sandbox" BOOLEAN NOT NULL DEFAULT false,
    "sandbox_set_by" TEXT,
    "refreshed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_runs" (
    "id" UUID NOT NULL,
    "trigger" TEXT NOT NULL,
    "requested_by" TEXT NOT NULL,
    "window_from" TEXT NOT NULL,
    "window_to" TEXT NOT NULL,
    "moota_bank_id" TEXT,
    "state" "sync_run_state" NOT NULL DEFAULT 'running',
    "accounts" INTEGER NOT NULL DEFAULT 0,
    "pages_fetched" INTEGER NOT NULL DEFAULT 0,
    "pages_total" INTEGER,
    "mutations_new" INTEGER NOT NULL DEFAULT 0,
    "mutations_known" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "error_code" TEXT,
    "error_params" JSONB,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "sync_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "accounts_moota_bank_id_key" ON "accounts"("moota_bank_id");

-- CreateIndex
CREATE INDEX "sync_runs_started_at_idx" ON "sync_runs"("started_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "sync_runs_one_running_key" ON "sync_runs"("state") WHERE (state = 'running');

-- CreateIndex
CREATE INDEX "deliveries_sync_run_id_idx" ON "deliveries"("sync_run_id");

-- CreateIndex
CREATE INDEX "mutations_bank_id_occurred_at_idx" ON "mutations"("bank_id", "occurred_at" DESC);

-- CreateIndex
CREATE INDEX "mutations_gap_idx" ON "mutations"("bank_id", "occurred_at") WHERE (webhook_seen_at IS NULL);

-- AddForeignKey
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_sync_run_id_fkey" FOREIGN KEY ("sync_run_id") REFERENCES "sync_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Every mutation stored so far came through the webhook.
UPDATE "mutations" SET "webhook_seen_at" = "received_at";

-- The accounts the stored mutations name, newest details first.
INSERT INTO "accounts" ("id", "moota_bank_id", "bank_type", "label", "holder", "account_number", "sandbox", "sandbox_set_by")
SELECT DISTINCT ON ("bank_id") gen_random_uuid(), "bank_id", "bank_type", "bank_label", "account_holder", "account_number",
  coalesce("bank_type" ILIKE '%sandbox%' OR "bank_label" ILIKE '%sandbox%', false),
  CASE WHEN "bank_type" ILIKE '%sandbox%' OR "bank_label" ILIKE '%sandbox%' THEN 'moota' END
FROM "mutations" WHERE "bank_id" <> ''
ORDER BY "bank_id", "received_at" DESC;

UPDATE "mutations" m SET "sandbox" = true FROM "accounts" a WHERE a."moota_bank_id" = m."bank_id" AND a."sandbox";
