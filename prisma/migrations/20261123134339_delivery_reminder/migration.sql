-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "reminderSentAt" TIMESTAMPTZ(3);
