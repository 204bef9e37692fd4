-- AlterEnum
ALTER TYPE "delivery_outcome" ADD VALUE 'partial';

-- CreateTable
CREATE TABLE "refused_call_counts" (
    "source_address" TEXT NOT NULL,
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "calls" INTEGER NOT NULL,
    "last_delivery_id" UUID,

    CONSTRAINT "refused_call_counts_pkey" PRIMARY KEY ("source_address","minute")
);

-- CreateIndex
CREATE INDEX "refused_call_counts_minute_idx" ON "refused_call_counts"("minute");

-- CreateIndex
CREATE INDEX "refused_call_counts_last_delivery_id_idx" ON "refused_call_counts"("last_delivery_id");
