-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension since PostgreSQL 13: a user
-- with CREATE on the database may create it without being a superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "mutations_amount_idx" ON "mutations"("amount");

-- CreateIndex
CREATE INDEX "mutations_description_trgm_idx" ON "mutations" USING GIN ("description" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "mutations_note_trgm_idx" ON "mutations" USING GIN ("note" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "orders_expired_payable_amount_idx" ON "orders"("payable_amount", "created_at") WHERE (status = 'expired'::order_status);

-- CreateIndex
CREATE INDEX "orders_amount_idx" ON "orders"("amount");

-- CreateIndex
CREATE INDEX "orders_reference_key_trgm_idx" ON "orders" USING GIN ("reference_key" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "orders_customer_name_trgm_idx" ON "orders" USING GIN ("customer_name" gin_trgm_ops);
