-- CreateEnum
CREATE TYPE "difference_category" AS ENUM ('bank_fee', 'customer_rounding', 'discount', 'refund_owed', 'other');

-- CreateTable
CREATE TABLE "accepted_differences" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "amount" BIGINT NOT NULL,
    "category" "difference_category" NOT NULL,
    "reason" TEXT NOT NULL,
    "accepted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "accepted_by" TEXT NOT NULL,
    "undone_at" TIMESTAMPTZ(3),
    "undone_by" TEXT,

    CONSTRAINT "accepted_differences_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "accepted_differences_accepted_at_idx" ON "accepted_differences"("accepted_at");

-- CreateIndex
CREATE UNIQUE INDEX "accepted_differences_active_order_key" ON "accepted_differences"("order_id") WHERE (undone_at IS NULL);

-- AddForeignKey
ALTER TABLE "accepted_differences" ADD CONSTRAINT "accepted_differences_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
