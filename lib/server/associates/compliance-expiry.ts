import type { Db, DbTx } from "@/lib/db/create-client";
import { type ComplianceKind, listExpiringRecords } from "@/lib/domain/compliance";
import { addDays, formatIsoDate, getIsoDateInZone, type IsoDate } from "@/lib/domain/time/calendar-date";
import { enqueueEmail } from "@/lib/integrations/email/enqueue-email";
import { composeEmail } from "@/lib/integrations/email/templates/layout";
import { getPolicy } from "@/lib/server/settings/get-policy";
import { EXPIRY_WARNING_DAYS, kindInSentence } from "./compliance-status";

/**
 * Verified checks that run out within the next 30 days, and the one email each associate gets about
 * each of them. "Runs out" follows `listExpiringRecords`: only the longest-lasting verified record of a
 * kind counts (a renewal already verified silences the warning), and an Update Service check runs out
 * when it becomes older than policy allows.
 */

const LONDON = "Europe/London";
const toIsoDate = (date: Date) => date.toISOString().slice(0, 10);
/** The audit action that marks a warning as sent: one per record, so the email goes once. */
export const EXPIRY_WARNING_ACTION = "compliance.expiry-warning.sent";

export type ExpiringCheck = {
  recordId: string;
  associateId: string;
  associateName: string | null;
  email: string;
  kind: ComplianceKind;
  reference: string;
  validUntil: IsoDate;
  daysLeft: number;
};

/** Every active associate's verified checks running out between `today` and 30 days after it (inclusive). */
export async function findExpiringChecks(db: DbTx, { today, maxDbsUpdateCheckAgeDays }: { today: IsoDate; maxDbsUpdateCheckAgeDays: number }): Promise<ExpiringCheck[]> {
  const lastDay = addDays(today, EXPIRY_WARNING_DAYS);
  const from = new Date(`${today}T00:00:00Z`);
  const until = new Date(`${lastDay}T00:00:00Z`);
  // Associates with at least one verified record that could be running out; then all their verified
  // records, because a later renewal of the same kind means nothing is running out.
  const associates = await db.associate.findMany({
    where: {
      active: true,
      complianceRecords: {
        some: {
          verifiedAt: { not: null },
          OR: [
            { expiresOn: { gte: from, lte: until } },
            {
              kind: "DBS_UPDATE_SERVICE",
              expiresOn: null,
              checkedOn: { gte: new Date(`${addDays(today, -maxDbsUpdateCheckAgeDays)}T00:00:00Z`), lte: new Date(`${addDays(lastDay, -maxDbsUpdateCheckAgeDays)}T00:00:00Z`) },
            },
          ],
        },
      },
    },
    select: {
      id: true,
      user: { select: { name: true, email: true } },
      complianceRecords: { where: { verifiedAt: { not: null } }, select: { id: true, kind: true, reference: true, checkedOn: true, expiresOn: true } },
    },
  });
  const expiring: ExpiringCheck[] = [];
  for (const associate of associates) {
    const records = associate.complianceRecords.map((r) => ({ id: r.id, kind: r.kind, reference: r.reference, checkedOn: toIsoDate(r.checkedOn), expiresOn: r.expiresOn ? toIsoDate(r.expiresOn) : null }));
    for (const item of listExpiringRecords({ records, on: today, withinDays: EXPIRY_WARNING_DAYS, policy: { maxDbsUpdateCheckAgeDays } })) {
      const record = records.find((r) => r.id === item.record.id)!;
      expiring.push({
        recordId: record.id,
        associateId: associate.id,
        associateName: associate.user.name,
        email: associate.user.email,
        kind: item.kind,
        reference: record.reference,
        validUntil: item.expiresOn,
        daysLeft: item.daysLeft,
      });
    }
  }
  return expiring.sort((a, b) => (a.validUntil < b.validUntil ? -1 : a.validUntil > b.validUntil ? 1 : 0));
}

function renderExpiryWarning(check: ExpiringCheck, link: string) {
  const label = kindInSentence(check.kind);
  const when = formatIsoDate(check.validUntil);
  const inDays = check.daysLeft === 0 ? "today" : check.daysLeft === 1 ? "tomorrow" : `in ${check.daysLeft} days`;
  const what =
    check.kind === "DBS_UPDATE_SERVICE"
      ? `Your latest DBS Update Service status check stops counting after ${when} (${inDays}). Work with children needs one from the last 12 months.`
      : check.kind === "SAFEGUARDING_TRAINING"
        ? `Your safeguarding training is due to be refreshed by ${when} (${inDays}).`
        : `Your ${label} runs out on ${when} (${inDays}).`;
  return composeEmail(`Your ${label} needs renewing by ${when}`, [
    `Hello ${check.associateName?.split(" ")[0] ?? "there"},`,
    what,
    "After that date we can't offer you work that needs it. When you have renewed it, add the new details in Golden Thread and the director will check them. If you've already done that, thank you — there's nothing more to do.",
    { button: { href: link, label: "Update your checks" } },
  ]);
}

/**
 * Emails each associate once about each verified check that runs out within 30 days. Each record is
 * locked and its "sent" audit event checked inside one transaction, so two workers never send twice.
 */
export async function sendComplianceExpiryWarnings({ db, now = new Date(), appUrl }: { db: Db; now?: Date; appUrl: string }) {
  const policy = await getPolicy(db, now);
  const today = getIsoDateInZone(now.getTime(), LONDON);
  const expiring = await findExpiringChecks(db, { today, maxDbsUpdateCheckAgeDays: policy["dbs.maxUpdateCheckAgeDays"] });
  if (expiring.length === 0) return { expiryWarningsSent: 0 };
  const alreadySent = new Set(
    (await db.auditEvent.findMany({ where: { action: EXPIRY_WARNING_ACTION, subject: "ComplianceRecord", subjectId: { in: expiring.map((e) => e.recordId) } }, select: { subjectId: true } })).map(
      (event) => event.subjectId,
    ),
  );
  let sent = 0;
  for (const check of expiring) {
    if (alreadySent.has(check.recordId)) continue;
    sent += await db.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "ComplianceRecord" WHERE "id" = ${check.recordId} FOR UPDATE`;
      if (locked.length === 0) return 0;
      const claimed = await tx.auditEvent.count({ where: { action: EXPIRY_WARNING_ACTION, subject: "ComplianceRecord", subjectId: check.recordId } });
      if (claimed > 0) return 0;
      await enqueueEmail(tx, { kind: "compliance-expiry-warning", to: check.email, ...(await renderExpiryWarning(check, `${appUrl}/associate/checks`)) });
      await tx.auditEvent.create({
        data: { actorId: null, action: EXPIRY_WARNING_ACTION, subject: "ComplianceRecord", subjectId: check.recordId, data: { kind: check.kind, validUntil: check.validUntil, associateId: check.associateId } },
      });
      return 1;
    });
  }
  return { expiryWarningsSent: sent };
}
