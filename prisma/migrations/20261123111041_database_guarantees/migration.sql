-- Guarantees that must hold even if application code is wrong or requests race.
-- Hand-written: Prisma's schema language cannot express them, and its drift check ignores them.

CREATE EXTENSION IF NOT EXISTS btree_gist;

-- ── Invariant 2: no double booking ─────────────────────────────────────────────
-- An associate never holds two overlapping active (HELD, OFFERED, ACCEPTED) assignments.
-- blockedFrom/blockedUntil are the delivery's time widened by the assignment's buffer.
ALTER TABLE "Assignment"
  ADD CONSTRAINT "Assignment_blocked_range_valid" CHECK ("blockedUntil" > "blockedFrom"),
  ADD CONSTRAINT "Assignment_fee_not_negative" CHECK ("feePence" >= 0 AND "bufferMinutes" >= 0),
  ADD CONSTRAINT "Assignment_no_double_booking"
    EXCLUDE USING gist ("associateId" WITH =, tstzrange("blockedFrom", "blockedUntil", '[)') WITH &&)
    WHERE ("status" IN ('HELD', 'OFFERED', 'ACCEPTED'));

-- One active place per person per delivery: someone with BOTH expertise never fills both roles.
CREATE UNIQUE INDEX "Assignment_one_active_place_per_person"
  ON "Assignment" ("deliveryId", "associateId")
  WHERE ("status" IN ('HELD', 'OFFERED', 'ACCEPTED'));

-- Rescheduling a delivery moves its assignments' blocked ranges with it, so the exclusion
-- constraint also guards reschedules.
CREATE FUNCTION gt_sync_assignment_ranges() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Assignment"
     SET "blockedFrom" = NEW."startsAt" - make_interval(mins => "bufferMinutes"),
         "blockedUntil" = NEW."endsAt" + make_interval(mins => "bufferMinutes")
   WHERE "deliveryId" = NEW."id";
  RETURN NULL;
END $$;

CREATE TRIGGER "Delivery_sync_assignment_ranges"
  AFTER UPDATE OF "startsAt", "endsAt" ON "Delivery"
  FOR EACH ROW WHEN (OLD."startsAt" IS DISTINCT FROM NEW."startsAt" OR OLD."endsAt" IS DISTINCT FROM NEW."endsAt")
  EXECUTE FUNCTION gt_sync_assignment_ranges();

-- ── Invariant 1: co-facilitation ───────────────────────────────────────────────
-- A CONFIRMED delivery has at least the service's required ACCEPTED lived and professional
-- assignments (distinct people, by the unique index above). Checked at commit (deferred), so a
-- transaction may accept and confirm in either order, and a withdrawal must move the delivery
-- back to NEEDS_PAIRING in the same transaction.
CREATE FUNCTION gt_check_delivery_pairing(delivery_id text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  d record;
  lived int;
  professional int;
BEGIN
  SELECT dl."status", s."livedRequired", s."professionalRequired"
    INTO d
    FROM "Delivery" dl
    JOIN "Engagement" e ON e."id" = dl."engagementId"
    JOIN "Service" s ON s."id" = e."serviceId"
   WHERE dl."id" = delivery_id;
  IF NOT FOUND OR d."status" <> 'CONFIRMED' THEN
    RETURN;
  END IF;
  SELECT count(*) FILTER (WHERE "role" = 'LIVED'), count(*) FILTER (WHERE "role" = 'PROFESSIONAL')
    INTO lived, professional
    FROM "Assignment"
   WHERE "deliveryId" = delivery_id AND "status" = 'ACCEPTED';
  IF lived < d."livedRequired" OR professional < d."professionalRequired" THEN
    RAISE EXCEPTION 'Delivery % cannot be confirmed without its co-facilitating pair (% of % lived, % of % professional accepted)',
      delivery_id, lived, d."livedRequired", professional, d."professionalRequired"
      USING ERRCODE = '23514', CONSTRAINT = 'Delivery_confirmed_needs_pair';
  END IF;
END $$;

CREATE FUNCTION gt_delivery_pairing_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'Delivery' THEN
    PERFORM gt_check_delivery_pairing(NEW."id");
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM gt_check_delivery_pairing(OLD."deliveryId");
  ELSE
    PERFORM gt_check_delivery_pairing(NEW."deliveryId");
    IF TG_OP = 'UPDATE' AND OLD."deliveryId" <> NEW."deliveryId" THEN
      PERFORM gt_check_delivery_pairing(OLD."deliveryId");
    END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "Delivery_confirmed_needs_pair"
  AFTER INSERT OR UPDATE ON "Delivery"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION gt_delivery_pairing_trigger();

CREATE CONSTRAINT TRIGGER "Assignment_keeps_confirmed_pair"
  AFTER INSERT OR UPDATE OR DELETE ON "Assignment"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION gt_delivery_pairing_trigger();

-- ── Sanity of the catalogue and schedule ─────────────────────────────────────
ALTER TABLE "Service"
  ADD CONSTRAINT "Service_co_facilitated" CHECK ("livedRequired" >= 1 AND "professionalRequired" >= 1),
  ADD CONSTRAINT "Service_positive_sizes" CHECK ("durationMinutes" > 0 AND "capacity" > 0),
  ADD CONSTRAINT "Service_money_valid" CHECK ("pricePence" >= 0 AND "vatRateBasisPoints" BETWEEN 0 AND 10000);

ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_time_valid" CHECK ("endsAt" > "startsAt");

ALTER TABLE "AvailabilityRule"
  ADD CONSTRAINT "AvailabilityRule_valid" CHECK ("weekday" BETWEEN 1 AND 7 AND "startMinute" >= 0 AND "endMinute" <= 1440 AND "startMinute" < "endMinute");
ALTER TABLE "AvailabilityOverride"
  ADD CONSTRAINT "AvailabilityOverride_valid" CHECK ("startMinute" >= 0 AND "endMinute" <= 1440 AND "startMinute" <= "endMinute");
ALTER TABLE "TimeOff" ADD CONSTRAINT "TimeOff_valid" CHECK ("endsAt" > "startsAt");

ALTER TABLE "Feedback"
  ADD CONSTRAINT "Feedback_scores_valid" CHECK (
    "overallScore" BETWEEN 1 AND 5 AND "relevanceScore" BETWEEN 1 AND 5 AND "facilitationScore" BETWEEN 1 AND 5
    AND "confidenceBefore" BETWEEN 1 AND 10 AND "confidenceAfter" BETWEEN 1 AND 10);

-- ── Invariant 4: money ───────────────────────────────────────────────────────
ALTER TABLE "Invoice"
  ADD CONSTRAINT "Invoice_issued_has_number" CHECK ("status" = 'DRAFT' OR ("number" IS NOT NULL AND "issuedOn" IS NOT NULL AND "dueOn" IS NOT NULL)),
  ADD CONSTRAINT "Invoice_totals_add_up" CHECK ("totalPence" = "subtotalPence" + "vatPence");
ALTER TABLE "InvoiceLine"
  ADD CONSTRAINT "InvoiceLine_vat_rate_valid" CHECK ("vatRateBasisPoints" BETWEEN 0 AND 10000),
  ADD CONSTRAINT "InvoiceLine_exemption_has_reason" CHECK ("vatRateBasisPoints" > 0 OR coalesce(length(trim("vatExemptionReason")), 0) > 0);
ALTER TABLE "CreditNote" ADD CONSTRAINT "CreditNote_totals_add_up" CHECK ("totalPence" = "subtotalPence" + "vatPence");
ALTER TABLE "AssociatePayment" ADD CONSTRAINT "AssociatePayment_one_source" CHECK (num_nonnulls("assignmentId", "expenseClaimId") = 1);
ALTER TABLE "ExpenseClaim" ADD CONSTRAINT "ExpenseClaim_money_valid" CHECK ("amountPence" >= 0 AND "claimedPence" >= 0 AND "amountPence" <= "claimedPence");

-- An issued invoice is immutable: only its payment state may change (ISSUED → PAID | VOID, PAID → VOID is not
-- allowed either: refunds are credit notes). Its lines cannot change once it is not a draft.
CREATE FUNCTION gt_invoice_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD."status" <> 'DRAFT' THEN
      RAISE EXCEPTION 'Invoice % has been issued and cannot be deleted; issue a credit note instead', OLD."number"
        USING ERRCODE = '23514', CONSTRAINT = 'Invoice_issued_immutable';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD."status" = 'DRAFT' THEN
    RETURN NEW;
  END IF;
  IF NOT (OLD."status" = NEW."status" OR (OLD."status" = 'ISSUED' AND NEW."status" IN ('PAID', 'VOID')))
     OR NEW."number" IS DISTINCT FROM OLD."number"
     OR NEW."organisationId" IS DISTINCT FROM OLD."organisationId"
     OR NEW."issuedOn" IS DISTINCT FROM OLD."issuedOn"
     OR NEW."dueOn" IS DISTINCT FROM OLD."dueOn"
     OR NEW."purchaseOrderNumber" IS DISTINCT FROM OLD."purchaseOrderNumber"
     OR NEW."subtotalPence" IS DISTINCT FROM OLD."subtotalPence"
     OR NEW."vatPence" IS DISTINCT FROM OLD."vatPence"
     OR NEW."totalPence" IS DISTINCT FROM OLD."totalPence"
     OR NEW."billingSnapshot" IS DISTINCT FROM OLD."billingSnapshot" THEN
    RAISE EXCEPTION 'Invoice % has been issued and cannot be changed; issue a credit note instead', OLD."number"
      USING ERRCODE = '23514', CONSTRAINT = 'Invoice_issued_immutable';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "Invoice_issued_immutable"
  BEFORE UPDATE OR DELETE ON "Invoice"
  FOR EACH ROW EXECUTE FUNCTION gt_invoice_immutable();

CREATE FUNCTION gt_invoice_line_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  parent_status text;
BEGIN
  SELECT "status" INTO parent_status FROM "Invoice" WHERE "id" = coalesce(NEW."invoiceId", OLD."invoiceId");
  IF parent_status IS NOT NULL AND parent_status <> 'DRAFT' THEN
    RAISE EXCEPTION 'The lines of an issued invoice cannot be changed; issue a credit note instead'
      USING ERRCODE = '23514', CONSTRAINT = 'Invoice_issued_immutable';
  END IF;
  RETURN coalesce(NEW, OLD);
END $$;

CREATE TRIGGER "InvoiceLine_issued_immutable"
  BEFORE INSERT OR UPDATE OR DELETE ON "InvoiceLine"
  FOR EACH ROW EXECUTE FUNCTION gt_invoice_line_immutable();
