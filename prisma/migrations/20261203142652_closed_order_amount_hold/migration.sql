-- CreateIndex
CREATE INDEX "orders_closed_payable_amount_idx" ON "orders"("payable_amount", "closed_at") WHERE (status = ANY (ARRAY['expired'::order_status, 'cancelled'::order_status]));
