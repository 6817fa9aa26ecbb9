-- A cancellation charge is never negative, and what passes to associates never exceeds it.
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_cancellation_charge_valid" CHECK (
  ("cancellationChargePence" IS NULL AND "cancellationPassThroughPence" IS NULL)
  OR ("cancellationChargePence" >= 0 AND "cancellationPassThroughPence" BETWEEN 0 AND "cancellationChargePence")
);
