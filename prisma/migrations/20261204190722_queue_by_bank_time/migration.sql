-- CreateIndex
CREATE INDEX "mutations_waiting_for_person_occurred_at_idx" ON "mutations"("occurred_at", "id") WHERE (match_state = ANY (ARRAY['unmatched'::match_state, 'suggested'::match_state, 'review'::match_state]));
