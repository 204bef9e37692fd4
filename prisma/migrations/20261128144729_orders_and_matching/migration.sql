-- CreateEnum
CREATE TYPE "match_state" AS ENUM ('pending', 'unmatched', 'suggested', 'review', 'matched', 'ignored', 'debit');

-- CreateEnum
CREATE TYPE "order_status" AS ENUM ('pending', 'paid', 'underpaid', 'overpaid', 'expired', 'cancelled');

-- CreateEnum
CREATE TYPE "order_source" AS ENUM ('dashboard', 'api', 'csv');

-- CreateEnum
CREATE TYPE "callback_state" AS ENUM ('pending', 'delivered', 'failed', 'skipped');

-- AlterTable
ALTER TABLE "mutations" ADD COLUMN     "ignored_note" TEXT,
ADD COLUMN     "match_candidates" JSONB,
ADD COLUMN     "match_state" "match_state" NOT NULL DEFAULT 'pending';

-- CreateTable
CREATE TABLE "orders" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "reference_key" TEXT NOT NULL,
    "customer_name" TEXT,
    "amount" BIGINT NOT NULL,
    "unique_code" INTEGER NOT NULL,
    "payable_amount" BIGINT NOT NULL,
    "account_number" TEXT,
    "status" "order_status" NOT NULL DEFAULT 'pending',
    "source" "order_source" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),
    "paid_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "paid_amount" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payments" (
    "id" UUID NOT NULL,
    "mutation_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "amount" BIGINT NOT NULL,
    "split" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT NOT NULL,
    "undone_at" TIMESTAMPTZ(3),
    "undone_by" TEXT,
    "undo_reason" TEXT,

    CONSTRAINT "payments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "history" (
    "id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "mutation_id" UUID,
    "order_id" UUID,
    "reason" TEXT,
    "details" JSONB,

    CONSTRAINT "history_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "settings" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by" TEXT NOT NULL,

    CONSTRAINT "settings_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT NOT NULL,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_by" TEXT,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "store_callbacks" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "event" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "state" "callback_state" NOT NULL DEFAULT 'pending',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "store_callbacks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "callback_attempts" (
    "id" UUID NOT NULL,
    "callback_id" UUID NOT NULL,
    "attempted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "url" TEXT NOT NULL,
    "http_status" INTEGER,
    "error" TEXT,
    "duration_ms" INTEGER NOT NULL,
    "response" TEXT,

    CONSTRAINT "callback_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "orders_reference_key" ON "orders"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "orders_reference_key_key" ON "orders"("reference_key");

-- CreateIndex
CREATE INDEX "orders_status_created_at_idx" ON "orders"("status", "created_at" DESC);

-- CreateIndex
CREATE INDEX "orders_created_at_idx" ON "orders"("created_at" DESC);

-- CreateIndex
CREATE INDEX "orders_payable_amount_idx" ON "orders"("payable_amount");

-- CreateIndex
CREATE INDEX "orders_pending_expires_at_idx" ON "orders"("expires_at") WHERE (status = 'pending');

-- CreateIndex
CREATE UNIQUE INDEX "orders_open_payable_amount_key" ON "orders"("payable_amount") WHERE (status = 'pending');

-- CreateIndex
CREATE INDEX "payments_order_id_idx" ON "payments"("order_id");

-- CreateIndex
CREATE UNIQUE INDEX "payments_whole_mutation_key" ON "payments"("mutation_id") WHERE (undone_at IS NULL AND NOT split);

-- CreateIndex
CREATE UNIQUE INDEX "payments_whole_order_key" ON "payments"("order_id") WHERE (undone_at IS NULL AND NOT split);

-- CreateIndex
CREATE UNIQUE INDEX "payments_active_pair_key" ON "payments"("mutation_id", "order_id") WHERE (undone_at IS NULL);

-- CreateIndex
CREATE INDEX "history_mutation_id_created_at_idx" ON "history"("mutation_id", "created_at");

-- CreateIndex
CREATE INDEX "history_order_id_created_at_idx" ON "history"("order_id", "created_at");

-- CreateIndex
CREATE INDEX "history_created_at_idx" ON "history"("created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys"("hash");

-- CreateIndex
CREATE INDEX "store_callbacks_order_id_created_at_idx" ON "store_callbacks"("order_id", "created_at");

-- CreateIndex
CREATE INDEX "store_callbacks_state_created_at_idx" ON "store_callbacks"("state", "created_at");

-- CreateIndex
CREATE INDEX "callback_attempts_callback_id_attempted_at_idx" ON "callback_attempts"("callback_id", "attempted_at");

-- CreateIndex
CREATE INDEX "mutations_match_state_received_at_idx" ON "mutations"("match_state", "received_at");

-- CreateIndex
CREATE INDEX "mutations_type_amount_idx" ON "mutations"("type", "amount");

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_mutation_id_fkey" FOREIGN KEY ("mutation_id") REFERENCES "mutations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "history" ADD CONSTRAINT "history_mutation_id_fkey" FOREIGN KEY ("mutation_id") REFERENCES "mutations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "history" ADD CONSTRAINT "history_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "store_callbacks" ADD CONSTRAINT "store_callbacks_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "callback_attempts" ADD CONSTRAINT "callback_attempts_callback_id_fkey" FOREIGN KEY ("callback_id") REFERENCES "store_callbacks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
