-- CreateEnum
CREATE TYPE "InspectionSettingType" AS ENUM ('CHILDRENS_HOME', 'FOSTERING_AGENCY', 'SUPPORTED_ACCOMMODATION');

-- CreateEnum
CREATE TYPE "MockInspectionStatus" AS ENUM ('DRAFT', 'FINAL');

-- CreateTable
CREATE TABLE "InspectionTemplate" (
    "id" TEXT NOT NULL,
    "settingType" "InspectionSettingType" NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "frameworkNote" TEXT NOT NULL,
    "areas" JSONB NOT NULL,
    "limitingRules" JSONB NOT NULL,
    "publishedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InspectionTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MockInspection" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "engagementId" TEXT,
    "templateId" TEXT NOT NULL,
    "settingType" "InspectionSettingType" NOT NULL,
    "templateVersion" INTEGER NOT NULL,
    "settingName" TEXT NOT NULL,
    "visitDate" DATE NOT NULL,
    "status" "MockInspectionStatus" NOT NULL DEFAULT 'DRAFT',
    "judgements" JSONB NOT NULL DEFAULT '{}',
    "childrensVoice" TEXT NOT NULL DEFAULT '',
    "recommendations" JSONB NOT NULL DEFAULT '[]',
    "createdById" TEXT NOT NULL,
    "finalisedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MockInspection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "InspectionTemplate_settingType_version_key" ON "InspectionTemplate"("settingType", "version");

-- CreateIndex
CREATE INDEX "MockInspection_organisationId_idx" ON "MockInspection"("organisationId");

-- CreateIndex
CREATE INDEX "MockInspection_engagementId_idx" ON "MockInspection"("engagementId");

-- CreateIndex
CREATE INDEX "MockInspection_templateId_idx" ON "MockInspection"("templateId");

-- CreateIndex
CREATE INDEX "MockInspection_createdById_idx" ON "MockInspection"("createdById");

-- CreateIndex
CREATE INDEX "MockInspection_status_visitDate_idx" ON "MockInspection"("status", "visitDate");

-- AddForeignKey
ALTER TABLE "MockInspection" ADD CONSTRAINT "MockInspection_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MockInspection" ADD CONSTRAINT "MockInspection_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MockInspection" ADD CONSTRAINT "MockInspection_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "InspectionTemplate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MockInspection" ADD CONSTRAINT "MockInspection_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
