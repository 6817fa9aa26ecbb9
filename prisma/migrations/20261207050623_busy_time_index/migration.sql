-- Busy time for slot search: each candidate's active assignments in the searched range, read
-- together with their blocked ranges straight from the index (an index-only scan). Without it the
-- planner walked the exclusion constraint's GiST index, about 8 ms of a 200-associate search.
-- Hand-written: Prisma's schema language cannot express a partial index with INCLUDE columns.
CREATE INDEX "Assignment_active_busy_idx"
  ON "Assignment" ("associateId", "blockedFrom") INCLUDE ("blockedUntil")
  WHERE ("status" IN ('HELD', 'OFFERED', 'ACCEPTED'));
