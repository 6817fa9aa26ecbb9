import type { DbTx } from "@/lib/db/create-client";
import { assessCompliance, type ComplianceAssessment } from "@/lib/domain/compliance";
import { getIsoDateInZone } from "@/lib/domain/time/calendar-date";
import type { Policy } from "@/lib/server/settings/get-policy";

const toIsoDate = (date: Date) => date.toISOString().slice(0, 10);

/** Is this associate allowed to take `role` on this service on the delivery's UK date? */
export async function checkAssociateCompliance(
  tx: DbTx,
  {
    associateId,
    role,
    service,
    startsAt,
    policy,
  }: {
    associateId: string;
    role: "LIVED" | "PROFESSIONAL";
    service: { childFacing: boolean; requiresSocialWorkRegistration: boolean };
    startsAt: Date;
    policy: Policy;
  },
): Promise<ComplianceAssessment> {
  const records = await tx.complianceRecord.findMany({
    where: { associateId },
    select: { kind: true, checkedOn: true, expiresOn: true, details: true, verifiedAt: true },
  });
  return assessCompliance({
    records: records.map((r) => ({
      kind: r.kind,
      checkedOn: toIsoDate(r.checkedOn),
      expiresOn: r.expiresOn ? toIsoDate(r.expiresOn) : null,
      details: r.details,
      isVerified: r.verifiedAt !== null,
    })),
    service,
    role,
    on: getIsoDateInZone(startsAt.getTime(), "Europe/London"),
    policy: { maxDbsUpdateCheckAgeDays: policy["dbs.maxUpdateCheckAgeDays"] },
  });
}
