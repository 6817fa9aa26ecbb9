-- AlterTable
ALTER TABLE "Quote" ADD COLUMN     "declineReason" TEXT,
ADD COLUMN     "sessions" JSONB NOT NULL DEFAULT '[]';
