-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "cancellationChargePence" INTEGER,
ADD COLUMN     "cancellationPassThroughPence" INTEGER,
ADD COLUMN     "cancellationReason" TEXT,
ADD COLUMN     "cancelledAt" TIMESTAMPTZ(3);
