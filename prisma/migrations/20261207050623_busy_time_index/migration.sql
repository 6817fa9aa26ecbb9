-- Busy time for slot search: each candidate's active assignments that end after the searched range
-- starts, read with their blocked ranges straight from the index (an index-only scan). Keyed on the end
-- so that past assignments, which stay ACCEPTED once delivered, are skipped rather than read. Without it
-- the planner walked the exclusion constraint's GiST index, about 8 ms of a 200-associate search.
-- Hand-written: Prisma's schema language cannot express a partial index with INCLUDE columns.
CREATE INDEX "Assignment_active_busy_idx"
  ON "Assignment" ("associateId", "blockedUntil") INCLUDE ("blockedFrom")
  WHERE ("status" IN ('HELD', 'OFFERED', 'ACCEPTED'));
