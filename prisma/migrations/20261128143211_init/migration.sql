-- CreateEnum
CREATE TYPE "delivery_outcome" AS ENUM ('accepted', 'rejected');

-- CreateEnum
CREATE TYPE "signature_result" AS ENUM ('valid', 'invalid', 'missing', 'unchecked');

-- CreateEnum
CREATE TYPE "mutation_type" AS ENUM ('CR', 'DB');

-- CreateEnum
CREATE TYPE "processing_state" AS ENUM ('received', 'processed', 'dead');

-- CreateTable
CREATE TABLE "deliveries" (
    "id" UUID NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "source_address" TEXT NOT NULL,
    "http_status" INTEGER NOT NULL,
    "outcome" "delivery_outcome" NOT NULL,
    "reason" TEXT,
    "signature" "signature_result" NOT NULL,
    "headers" JSONB NOT NULL,
    "body" TEXT NOT NULL,
    "body_bytes" INTEGER NOT NULL,
    "body_truncated" BOOLEAN NOT NULL DEFAULT false,
    "accepted" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "duration_ms" INTEGER,

    CONSTRAINT "deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mutations" (
    "id" UUID NOT NULL,
    "moota_id" TEXT NOT NULL,
    "delivery_id" UUID NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "bank_id" TEXT NOT NULL,
    "bank_type" TEXT,
    "bank_label" TEXT,
    "account_number" TEXT NOT NULL,
    "account_holder" TEXT,
    "type" "mutation_type" NOT NULL,
    "amount" BIGINT NOT NULL,
    "balance" BIGINT,
    "description" TEXT NOT NULL,
    "note" TEXT,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "payment_order_id" TEXT,
    "taggings" JSONB NOT NULL,
    "raw" JSONB NOT NULL,
    "processing" "processing_state" NOT NULL DEFAULT 'received',
    "processed_at" TIMESTAMPTZ(3),
    "process_attempts" INTEGER NOT NULL DEFAULT 0,
    "process_error" TEXT,

    CONSTRAINT "mutations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "deliveries_received_at_idx" ON "deliveries"("received_at" DESC);

-- CreateIndex
CREATE INDEX "deliveries_outcome_received_at_idx" ON "deliveries"("outcome", "received_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "mutations_moota_id_key" ON "mutations"("moota_id");

-- CreateIndex
CREATE INDEX "mutations_occurred_at_idx" ON "mutations"("occurred_at" DESC);

-- CreateIndex
CREATE INDEX "mutations_account_number_occurred_at_idx" ON "mutations"("account_number", "occurred_at" DESC);

-- CreateIndex
CREATE INDEX "mutations_type_occurred_at_idx" ON "mutations"("type", "occurred_at" DESC);

-- CreateIndex
CREATE INDEX "mutations_processing_received_at_idx" ON "mutations"("processing", "received_at");

-- CreateIndex
CREATE INDEX "mutations_delivery_id_idx" ON "mutations"("delivery_id");

-- AddForeignKey
ALTER TABLE "mutations" ADD CONSTRAINT "mutations_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "deliveries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
