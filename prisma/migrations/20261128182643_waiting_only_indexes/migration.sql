-- DropIndex
DROP INDEX "mutations_match_state_received_at_idx";

-- DropIndex
DROP INDEX "mutations_processing_received_at_idx";

-- DropIndex
DROP INDEX "mutations_type_amount_idx";

-- CreateIndex
CREATE INDEX "mutations_waiting_received_at_idx" ON "mutations"("match_state", "received_at") WHERE (match_state = ANY (ARRAY['pending'::match_state, 'unmatched'::match_state, 'suggested'::match_state, 'review'::match_state]));

-- CreateIndex
CREATE INDEX "mutations_waiting_type_amount_idx" ON "mutations"("type", "amount") WHERE (match_state = ANY (ARRAY['pending'::match_state, 'unmatched'::match_state, 'suggested'::match_state, 'review'::match_state]));

-- CreateIndex
CREATE INDEX "mutations_unprocessed_received_at_idx" ON "mutations"("processing", "received_at") WHERE (processing = ANY (ARRAY['received'::processing_state, 'dead'::processing_state]));
