-- CreateEnum
CREATE TYPE "CardPaymentStatus" AS ENUM ('PENDING', 'PAID', 'EXPIRED', 'NEEDS_ATTENTION');

-- CreateTable
CREATE TABLE "CardPayment" (
    "id" TEXT NOT NULL,
    "engagementId" TEXT NOT NULL,
    "checkoutSessionId" TEXT NOT NULL,
    "paymentIntentId" TEXT,
    "amountPence" INTEGER NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'gbp',
    "status" "CardPaymentStatus" NOT NULL DEFAULT 'PENDING',
    "paidAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CardPayment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CardPayment_checkoutSessionId_key" ON "CardPayment"("checkoutSessionId");

-- CreateIndex
CREATE INDEX "CardPayment_engagementId_idx" ON "CardPayment"("engagementId");

-- AddForeignKey
ALTER TABLE "CardPayment" ADD CONSTRAINT "CardPayment_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
