-- Amounts are whole pence above zero.
ALTER TABLE "CardPayment" ADD CONSTRAINT "CardPayment_amount_positive" CHECK ("amountPence" > 0);
