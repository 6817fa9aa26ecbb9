import { afterAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createPrismaClient, type Db } from "@/lib/db/create-client";
import { getAttendeeByToken } from "@/lib/server/feedback/attendance-and-feedback";
import { eraseAssociate, eraseAttendee } from "@/lib/server/privacy/erase";
import { exportOwnData, exportPersonData, type SubjectAccessExport } from "@/lib/server/privacy/export";
import { findPersonHoldings } from "@/lib/server/privacy/find-person";
import { createScenario } from "../fixtures/scenario";

/**
 * Subject access export (UK GDPR Art. 15) and erasure (Art. 17), against real PostgreSQL.
 *
 * Completeness is checked against the database catalogue, not a hand-kept list: every foreign key to
 * "User", "Associate" or "Attendee", and every text column whose name says it holds an email address,
 * must have its rows for the person in the export (or be in EXCLUDED with the reason). Prisma 7's
 * generated client no longer exports `Prisma.dmmf`, so the catalogue (what the migrations actually
 * created, hand-written SQL included) is the source. Erasure is checked by searching every text and JSON
 * column of every table for the person's email, name and phone.
 */

const db = createPrismaClient(process.env.DATABASE_URL, { max: 4 });
afterAll(() => db.$disconnect());

/** Links to a person that are deliberately not exported, and why. */
const EXCLUDED: Record<string, string> = {
  "ComplianceRecord.verifiedById": "Which staff member verified someone else's check: the row is the other associate's data; the verifier's part is in their audit events (compliance.verify).",
  "Qualification.approvedById": "Which staff member approved someone else's service: the row is the other associate's data; the approval is in the approver's audit events.",
  "MockInspection.createdById": "Who wrote a client's mock inspection report: the report is the client organisation's; authorship shows in the author's audit events.",
};

/** Email columns are found by name; the list must at least contain these, so a rename can't hide one. */
const EMAIL_COLUMN = /email|^to$|^identifier$/i;
const KNOWN_EMAIL_COLUMNS = ["Attendee.email", "Organisation.invoiceEmail", "OutboxMessage.to", "User.email", "VerificationToken.identifier"];

async function personLinks(database: Db) {
  const foreignKeys = await database.$queryRaw<{ table: string; column: string; target: string }[]>`
    SELECT cl.relname AS "table", a.attname AS "column", rt.relname AS "target"
      FROM pg_constraint c
      JOIN pg_class cl ON cl.oid = c.conrelid
      JOIN pg_class rt ON rt.oid = c.confrelid
      JOIN pg_namespace n ON n.oid = cl.relnamespace AND n.nspname = current_schema()
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
     WHERE c.contype = 'f' AND rt.relname IN ('User', 'Associate', 'Attendee')
     ORDER BY 1, 2`;
  const textColumns = await database.$queryRaw<{ table: string; column: string; type: string }[]>`
    SELECT c.table_name AS "table", c.column_name AS "column", c.data_type AS "type"
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
     WHERE c.table_schema = current_schema() AND c.data_type IN ('text', 'character varying', 'json', 'jsonb') AND c.table_name <> '_prisma_migrations'
     ORDER BY 1, 2`;
  const emailColumns = textColumns.filter((c) => c.type !== "json" && c.type !== "jsonb" && EMAIL_COLUMN.test(c.column));
  return { foreignKeys, textColumns, emailColumns };
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Every "Table.column" (text or JSON) containing any of the needles, case-insensitive, with a count. */
async function findEverywhere(database: Db, needles: string[]): Promise<string[]> {
  const { textColumns } = await personLinks(database);
  const hits: string[] = [];
  for (const { table, column } of textColumns) {
    for (const needle of needles) {
      const rows = await database.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM ${quote(table)} WHERE strpos(lower(${quote(column)}::text), lower($1)) > 0`, needle);
      const n = Number(rows[0]!.n);
      if (n > 0) hits.push(`${table}.${column} (${n} × "${needle}")`);
    }
  }
  return hits;
}

/** Checks the export against the catalogue for one person (their ids and email). Returns problems, [] when complete. */
async function coverageProblems(database: Db, document: SubjectAccessExport, ids: { User?: string; Associate?: string; Attendee?: string[] }, email: string, writtenAfter: string[] = []) {
  const { foreignKeys, emailColumns } = await personLinks(database);
  const problems: string[] = [];
  const check = async (table: string, column: string, where: string, params: unknown[]) => {
    if (EXCLUDED[`${table}.${column}`]) return;
    const exported = document.records[table];
    const hasId = (await database.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = 'id'`, table))[0]!.n > 0n;
    if (hasId) {
      const rows = await database.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM ${quote(table)} WHERE ${where}`, ...params);
      if (!exported) {
        problems.push(`${table} (linked by ${column}) is missing from the export`);
        return;
      }
      const exportedIds = new Set(exported.map((row) => (row as { id?: string }).id));
      const missing = rows.filter((row) => !exportedIds.has(row.id) && !writtenAfter.includes(row.id));
      if (missing.length) problems.push(`${table}.${column}: ${missing.length} of ${rows.length} rows missing from the export`);
    } else {
      const n = Number((await database.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM ${quote(table)} WHERE ${where}`, ...params))[0]!.n);
      if (!exported) problems.push(`${table} (linked by ${column}) is missing from the export`);
      else if (exported.length < n) problems.push(`${table}.${column}: ${n - exported.length} of ${n} rows missing from the export`);
    }
  };
  for (const fk of foreignKeys) {
    const target = fk.target as "User" | "Associate" | "Attendee";
    const value = ids[target];
    if (!value) {
      if (!document.records[fk.table] && !EXCLUDED[`${fk.table}.${fk.column}`]) problems.push(`${fk.table} (linked by ${fk.column}) is missing from the export`);
      continue;
    }
    await check(fk.table, fk.column, `${quote(fk.column)} = ANY($1::text[])`, [Array.isArray(value) ? value : [value]]);
  }
  for (const col of emailColumns) await check(col.table, col.column, `lower(${quote(col.column)}) = lower($1)`, [email]);
  return problems;
}

const directorOf = (user: { id: string; email: string }): Actor => ({ userId: user.id, email: user.email, name: "Director", role: "DIRECTOR", associateId: null, memberships: [] });

let seq = 0;
/** A rich associate: every kind of record, plus mentions of them in other people's data. */
async function richAssociate() {
  seq += 1;
  const name = `Zephyrine Quillfeather${seq}`;
  const scenario = await createScenario(db, { associates: [{ expertise: "LIVED", name }] });
  const associate = scenario.associates[0]!;
  const email = associate.user.email;
  const phone = `07700 90${String(1000 + seq).padStart(4, "0")}`;
  await db.user.update({ where: { id: associate.userId }, data: { phone } });
  await db.associate.update({ where: { id: associate.id }, data: { bio: "Twenty years in residential care.", publicLivedExperienceNote: "Grew up in care.", homePostcode: "LS1 4AB", charityName: "Become", receivesBenefits: true } });
  await db.livedExperienceStory.create({ data: { associateId: associate.id, story: "My private story: placements from age nine." } });
  await db.consent.create({ data: { associateId: associate.id, purpose: "MARKETING", withdrawnAt: new Date("2026-10-01T10:00:00Z") } });
  await db.timeOff.create({ data: { associateId: associate.id, startsAt: new Date("2027-02-01T00:00:00Z"), endsAt: new Date("2027-02-03T00:00:00Z"), reason: "Hospital appointment" } });
  await db.availabilityOverride.create({ data: { associateId: associate.id, date: new Date("2027-01-15"), startMinute: 600, endMinute: 600 } });
  await db.session.create({ data: { sessionToken: `tok-${seq}-${Date.now()}`, userId: associate.userId, expires: new Date(Date.now() + 86_400_000) } });
  await db.account.create({ data: { userId: associate.userId, type: "email", provider: "resend", providerAccountId: email } });
  await db.verificationToken.create({ data: { identifier: email, token: `vt-${seq}-${Date.now()}`, expires: new Date(Date.now() + 86_400_000) } });

  // A past, delivered session with a paid fee and an expense with a receipt.
  const startsAt = new Date("2026-10-05T09:00:00Z");
  const endsAt = new Date("2026-10-05T12:00:00Z");
  const engagement = await db.engagement.create({
    data: { reference: `GT-P-${seq}-${Date.now() % 100000}`, organisationId: scenario.organisation.id, serviceId: scenario.service.id, requestedById: scenario.booker.id, unitPricePenceSnapshot: 120_000, vatRateBasisPointsSnapshot: 2000, status: "DELIVERED" },
  });
  const delivery = await db.delivery.create({ data: { engagementId: engagement.id, startsAt, endsAt, mode: "ONLINE", status: "DELIVERED", prepNotes: `Brief ${name} on the group beforehand.` } });
  const assignment = await db.assignment.create({ data: { deliveryId: delivery.id, associateId: associate.id, role: "LIVED", status: "ACCEPTED", feePence: 20_000, blockedFrom: startsAt, blockedUntil: endsAt } });
  const declined = await db.delivery.create({ data: { engagementId: engagement.id, startsAt: new Date("2026-09-01T09:00:00Z"), endsAt: new Date("2026-09-01T12:00:00Z"), mode: "ONLINE", status: "CANCELLED" } });
  await db.assignment.create({ data: { deliveryId: declined.id, associateId: associate.id, role: "LIVED", status: "DECLINED", declineReason: "My mum is ill that week.", blockedFrom: declined.startsAt, blockedUntil: declined.endsAt } });
  const payRun = await db.payRun.create({ data: { periodStart: new Date("2026-10-01"), periodEnd: new Date("2026-10-31"), status: "PAID", paidAt: new Date("2026-11-05T10:00:00Z") } });
  await db.associatePayment.create({ data: { associateId: associate.id, assignmentId: assignment.id, payRunId: payRun.id, amountPence: 20_000, status: "PAID", paidAt: new Date("2026-11-05T10:00:00Z") } });
  const claim = await db.expenseClaim.create({
    data: { associateId: associate.id, deliveryId: delivery.id, category: "PUBLIC_TRANSPORT", description: "Train Leeds to York", claimedPence: 2_450, amountPence: 2_450, status: "PAID", decisionNote: `Receipt matches, thanks ${name}.` },
  });
  await db.expenseReceipt.create({ data: { expenseClaimId: claim.id, filename: "ticket.pdf", contentType: "application/pdf", sizeBytes: 4, bytes: Buffer.from("%PDF") } });
  await db.associatePayment.create({ data: { associateId: associate.id, expenseClaimId: claim.id, payRunId: payRun.id, amountPence: 2_450, status: "PAID", paidAt: new Date("2026-11-05T10:00:00Z") } });
  await db.invoice.create({ data: { organisationId: scenario.organisation.id, engagementId: engagement.id, subtotalPence: 120_000, vatPence: 24_000, totalPence: 144_000 } });

  // Mentions in other people's data and the outbox.
  await db.alert.create({ data: { kind: "PAIRING_BROKEN", deliveryId: delivery.id, message: `${name} withdrew; phone ${phone}.` } });
  await db.outboxMessage.createMany({
    data: [
      { kind: "offer", to: email, subject: "A new session for you", payload: { text: `Hello ${name}`, html: `<p>Hello ${name}</p>` }, status: "SENT", sentAt: new Date() },
      { kind: "reminder", to: email, subject: "Tomorrow", payload: { text: `Hello ${name}`, html: "<p>Hi</p>" } },
      { kind: "booking-confirmed", to: scenario.booker.email, subject: "Your booking is confirmed", payload: { text: `Your facilitators: ${name} (${email}).`, html: "<p>…</p>" }, status: "SENT", sentAt: new Date() },
    ],
  });
  await db.auditEvent.create({ data: { actorId: scenario.director.id, action: "associate.update", subject: "Associate", subjectId: associate.id, data: { note: `Called ${name} on ${phone}` } } });
  await db.auditEvent.create({ data: { actorId: associate.userId, action: "consent.grant", subject: "Consent", subjectId: "x", data: {} } });
  return { scenario, associate, email, name, phone, delivery, engagement };
}

async function financeTotals() {
  const [payments, claims, invoices, payRuns] = await Promise.all([
    db.associatePayment.aggregate({ _sum: { amountPence: true }, _count: true }),
    db.expenseClaim.aggregate({ _sum: { claimedPence: true, amountPence: true }, _count: true }),
    db.invoice.aggregate({ _sum: { totalPence: true, vatPence: true }, _count: true }),
    db.payRun.count(),
  ]);
  return { payments, claims, invoices, payRuns };
}

describe("subject access export", () => {
  it("an associate's export holds every table linked to them (checked against the database catalogue), without secrets, and reading it is audited", async () => {
    const { scenario, associate, email, name, phone } = await richAssociate();
    const director = directorOf(scenario.director);
    const { emailColumns } = await personLinks(db);
    expect(emailColumns.map((c) => `${c.table}.${c.column}`)).toEqual(expect.arrayContaining(KNOWN_EMAIL_COLUMNS));

    const result = await exportPersonData({ db, actor: director, input: { email: email.toUpperCase(), includeReceipts: "1" } });
    if (!result.ok) throw new Error(result.message);
    const { document, json, filename } = result.data;
    expect(filename).toMatch(/^golden-thread-personal-data-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(document)));
    expect(json).toContain('\n  "records": {');

    expect(await coverageProblems(db, document, { User: associate.userId, Associate: associate.id }, email)).toEqual([]);
    expect(json).toContain(name);
    expect(json).toContain(phone);
    expect(json).toContain("My private story: placements from age nine.");
    expect(json).toContain("Hospital appointment");
    expect(document.records.Consent).toHaveLength(2);
    expect(document.records.OutboxMessage).toHaveLength(2);
    expect(document.records.ExpenseReceipt).toEqual([expect.objectContaining({ filename: "ticket.pdf", contentBase64: Buffer.from("%PDF").toString("base64") })]);
    // Secrets that would let the holder act as the person are left out.
    const [session] = await db.session.findMany({ where: { userId: associate.userId } });
    const feed = await db.associate.findUniqueOrThrow({ where: { id: associate.id }, select: { calendarFeedToken: true } });
    expect(json).not.toContain(session!.sessionToken);
    expect(json).not.toContain(feed.calendarFeedToken);
    expect(document.records.User).toHaveLength(1);

    const audit = await db.auditEvent.findMany({ where: { action: "privacy.export", subjectId: associate.userId } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: director.userId, subject: "User", data: { by: "director", includesReceipts: true, counts: expect.objectContaining({ Assignment: 2, AssociatePayment: 2 }) } });
    expect(JSON.stringify(audit[0]!.data)).not.toContain(email);

    // Without the option, receipts are listed by their details only.
    const plain = await exportPersonData({ db, actor: director, input: { email } });
    expect(plain.ok && plain.data.document.records.ExpenseReceipt).toEqual([expect.not.objectContaining({ contentBase64: expect.anything() })]);

    // The associate's own download is the same document about them, and is audited as theirs.
    const own = await exportOwnData({ db, actor: { userId: associate.userId, email, name, role: "ASSOCIATE", associateId: associate.id, memberships: [] } });
    if (!own.ok) throw new Error(own.message);
    // (The audit event recording this download is written after the document is made.)
    const ownEvent = await db.auditEvent.findFirstOrThrow({ where: { action: "privacy.export", actorId: associate.userId }, orderBy: { at: "desc" } });
    expect(await coverageProblems(db, own.data.document, { User: associate.userId, Associate: associate.id }, email, [ownEvent.id])).toEqual([]);
    expect(await db.auditEvent.count({ where: { action: "privacy.export", subjectId: associate.userId, actorId: associate.userId, data: { path: ["by"], equals: "self" } } })).toBe(1);
  });

  it("an attendee's export covers every booking under their address, their feedback and certificates", async () => {
    const { scenario, delivery, engagement } = await richAssociate();
    const email = `pat.attendee-${Date.now()}@example.org`;
    const second = await db.engagement.create({
      data: { reference: `GT-A-${Date.now() % 100000}`, organisationId: scenario.organisation.id, serviceId: scenario.service.id, requestedById: scenario.booker.id, unitPricePenceSnapshot: 1, vatRateBasisPointsSnapshot: 2000 },
    });
    const a1 = await db.attendee.create({ data: { engagementId: engagement.id, name: "Pat Attendee", email, jobTitle: "Residential worker", attended: true } });
    const a2 = await db.attendee.create({ data: { engagementId: second.id, name: "Pat Attendee", email } });
    await db.feedback.create({ data: { deliveryId: delivery.id, attendeeId: a1.id, overallScore: 5, relevanceScore: 4, facilitationScore: 5, confidenceBefore: 3, confidenceAfter: 8, comment: "Loved it" } });
    await db.outboxMessage.create({ data: { kind: "feedback-request", to: email, subject: "How was it?", payload: { text: "Tell us" }, status: "SENT", sentAt: new Date() } });

    const result = await exportPersonData({ db, actor: directorOf(scenario.director), input: { email } });
    if (!result.ok) throw new Error(result.message);
    const { document } = result.data;
    expect(await coverageProblems(db, document, { Attendee: [a1.id, a2.id] }, email)).toEqual([]);
    expect(document.records.Attendee).toHaveLength(2);
    expect(document.records.Feedback).toEqual([expect.objectContaining({ comment: "Loved it", overallScore: 5 })]);
    expect(document.certificates).toEqual([expect.objectContaining({ attendeeId: a1.id, deliveredOn: "2026-10-05" })]);
    expect(document.subject).toMatchObject({ hasAccount: false, attendeeRecords: 2 });
    const a1Token = (await db.attendee.findUniqueOrThrow({ where: { id: a1.id } })).accessToken;
    expect(result.data.json).not.toContain(a1Token);
    expect(await db.auditEvent.count({ where: { action: "privacy.export", subject: "Attendee", subjectId: a1.id } })).toBe(1);
  });
});

describe("who may handle privacy requests", () => {
  it("anyone but the director gets NOT_FOUND and nothing is read, erased or recorded", async () => {
    const { scenario, associate, email, name } = await richAssociate();
    const asAssociate: Actor = { userId: associate.userId, email, name, role: "ASSOCIATE", associateId: associate.id, memberships: [] };
    const asBooker = scenario.context.actor;
    const auditBefore = await db.auditEvent.count();
    for (const actor of [asAssociate, asBooker]) {
      expect(await findPersonHoldings({ db, actor, input: { email } })).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await exportPersonData({ db, actor, input: { email } })).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await eraseAssociate({ db, actor, input: { unverifiedUserId: associate.userId, confirmEmail: email } })).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await eraseAttendee({ db, actor, input: { unverifiedAttendeeIds: ["x"], confirmEmail: email } })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect(await db.auditEvent.count()).toBe(auditBefore);
    expect(await db.user.findUniqueOrThrow({ where: { id: associate.userId } })).toMatchObject({ name, email, erasedAt: null });
    // The director's search finds them, shows counts, and records the look-up without the address.
    const found = await findPersonHoldings({ db, actor: directorOf(scenario.director), input: { email: ` ${email.toUpperCase()} ` } });
    expect(found.ok && found.data.account).toMatchObject({ userId: associate.userId, associateId: associate.id, upcomingSessions: 0 });
    expect(found.ok && found.data.account?.categories.find((c) => c.key === "story")?.count).toBe(1);
    const lookup = await db.auditEvent.findFirstOrThrow({ where: { action: "privacy.lookup", subjectId: associate.userId } });
    expect(JSON.stringify(lookup.data)).not.toContain(email);
    expect(await findPersonHoldings({ db, actor: directorOf(scenario.director), input: { email: "not an email" } })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
  });
});

describe("erasure", () => {
  it("an associate: personal data gone from every table, finance records and totals unchanged, audited without the data, idempotent", async () => {
    const { scenario, associate, email, name, phone } = await richAssociate();
    const director = directorOf(scenario.director);
    const before = await financeTotals();
    expect((await findEverywhere(db, [email, name, phone])).length).toBeGreaterThan(5);

    // The confirmation must be their address.
    expect(await eraseAssociate({ db, actor: director, input: { unverifiedUserId: associate.userId, confirmEmail: "someone@else.org" } })).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
      fieldErrors: { confirmEmail: [expect.stringContaining("Type the person's email")] },
    });
    expect(await db.user.findUniqueOrThrow({ where: { id: associate.userId } })).toMatchObject({ name, erasedAt: null });

    const result = await eraseAssociate({ db, actor: director, input: { unverifiedUserId: associate.userId, confirmEmail: email.toUpperCase() } });
    expect(result).toMatchObject({ ok: true, data: { alreadyErased: false } });

    // Nothing anywhere still holds their email, name or phone (allowed exceptions: none).
    expect(await findEverywhere(db, [email, name, phone])).toEqual([]);

    const user = await db.user.findUniqueOrThrow({ where: { id: associate.userId }, include: { associate: true } });
    expect(user).toMatchObject({ name: "Erased associate", email: `erased-${associate.userId}@erased.invalid`, phone: null, erasedAt: expect.any(Date) });
    expect(user.associate).toMatchObject({ active: false, bio: "", publicLivedExperienceNote: null, homePostcode: null, charityName: null, receivesBenefits: false });
    const where = { associateId: associate.id };
    expect(
      await Promise.all([
        db.livedExperienceStory.count({ where }),
        db.consent.count({ where }),
        db.availabilityRule.count({ where }),
        db.availabilityOverride.count({ where }),
        db.timeOff.count({ where }),
        db.complianceRecord.count({ where }),
        db.session.count({ where: { userId: associate.userId } }),
        db.account.count({ where: { userId: associate.userId } }),
      ]),
    ).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    // Emails: the one waiting is cancelled, the sent one keeps only that it was sent.
    const outbox = await db.outboxMessage.findMany({ where: { to: user.email } });
    expect(outbox).toEqual([expect.objectContaining({ status: "SENT", payload: { erased: true }, subject: "[erased]" })]);
    // Finance records: same rows, same totals.
    expect(await financeTotals()).toEqual(before);
    expect(await db.associatePayment.count({ where })).toBe(2);
    expect(await db.expenseClaim.findFirstOrThrow({ where })).toMatchObject({ description: "Train Leeds to York", claimedPence: 2_450, amountPence: 2_450, decisionNote: "Receipt matches, thanks [erased]." });
    expect(await db.expenseReceipt.count({ where: { expenseClaim: where } })).toBe(1);

    const events = await db.auditEvent.findMany({ where: { action: "privacy.erase", subjectId: associate.userId } });
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ categories: expect.arrayContaining(["story", "consents", "availability", "compliance", "signIns", "account", "profile", "emailsCancelled", "emailBodies", "mentions"]) });

    // Twice is fine.
    expect(await eraseAssociate({ db, actor: director, input: { unverifiedUserId: associate.userId, confirmEmail: email } })).toEqual({ ok: true, data: { alreadyErased: true, removed: [] } });
    expect(await db.auditEvent.count({ where: { action: "privacy.erase", subjectId: associate.userId } })).toBe(1);
  });

  it("an associate with an upcoming session they've accepted is refused with a clear message, and nothing changes", async () => {
    const { scenario, associate, email, name } = await richAssociate();
    const startsAt = new Date(Date.now() + 7 * 86_400_000);
    const endsAt = new Date(startsAt.getTime() + 3 * 3_600_000);
    const engagement = await db.engagement.create({
      data: { reference: `GT-U-${Date.now() % 100000}`, organisationId: scenario.organisation.id, serviceId: scenario.service.id, requestedById: scenario.booker.id, unitPricePenceSnapshot: 1, vatRateBasisPointsSnapshot: 2000, status: "AWAITING_FACILITATORS" },
    });
    const delivery = await db.delivery.create({ data: { engagementId: engagement.id, startsAt, endsAt, mode: "ONLINE", status: "AWAITING_ACCEPTANCE" } });
    const upcoming = await db.assignment.create({ data: { deliveryId: delivery.id, associateId: associate.id, role: "LIVED", status: "ACCEPTED", blockedFrom: startsAt, blockedUntil: endsAt } });
    const director = directorOf(scenario.director);

    const refused = await eraseAssociate({ db, actor: director, input: { unverifiedUserId: associate.userId, confirmEmail: email } });
    expect(refused).toMatchObject({ ok: false, code: "INVALID_INPUT", message: expect.stringContaining("still has 1 upcoming session") });
    expect(await db.user.findUniqueOrThrow({ where: { id: associate.userId } })).toMatchObject({ name, email, erasedAt: null });
    expect(await db.livedExperienceStory.count({ where: { associateId: associate.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "privacy.erase", subjectId: associate.userId } })).toBe(0);

    await db.assignment.update({ where: { id: upcoming.id }, data: { status: "WITHDRAWN" } });
    expect(await eraseAssociate({ db, actor: director, input: { unverifiedUserId: associate.userId, confirmEmail: email } })).toMatchObject({ ok: true, data: { alreadyErased: false } });
  });

  it("an attendee: name, email, job title and comments gone everywhere; scores, attendance and evaluation figures unchanged; the old link is dead", async () => {
    const { scenario, delivery, engagement } = await richAssociate();
    const email = `robin.erasable-${Date.now()}@example.org`;
    const attendeeName = `Robin Erasable${Date.now() % 1000}`;
    const second = await db.engagement.create({
      data: { reference: `GT-E-${Date.now() % 100000}`, organisationId: scenario.organisation.id, serviceId: scenario.service.id, requestedById: scenario.booker.id, unitPricePenceSnapshot: 1, vatRateBasisPointsSnapshot: 2000 },
    });
    const a1 = await db.attendee.create({ data: { engagementId: engagement.id, name: attendeeName, email, jobTitle: "Team leader", attended: true } });
    const a2 = await db.attendee.create({ data: { engagementId: second.id, name: attendeeName, email } });
    const other = await db.attendee.create({ data: { engagementId: engagement.id, name: "Sam Other", email: `sam.other-${Date.now()}@example.org`, attended: true } });
    await db.feedback.create({ data: { deliveryId: delivery.id, attendeeId: a1.id, overallScore: 4, relevanceScore: 5, facilitationScore: 3, confidenceBefore: 2, confidenceAfter: 9, comment: "I'm Robin, this helped with my own trauma", followUpComment: "Still using it" } });
    await db.feedback.create({ data: { deliveryId: delivery.id, attendeeId: other.id, overallScore: 2, relevanceScore: 2, facilitationScore: 2, confidenceBefore: 5, confidenceAfter: 6, comment: `Sat next to ${attendeeName}` } });
    await db.outboxMessage.createMany({
      data: [
        { kind: "feedback-request", to: email, subject: "How was it?", payload: { text: `Hello ${attendeeName}` }, status: "SENT", sentAt: new Date() },
        { kind: "certificate", to: email, subject: "Your certificate", payload: { text: `Hello ${attendeeName}` } },
      ],
    });
    await db.auditEvent.create({ data: { actorId: scenario.booker.id, action: "attendee.add", subject: "Attendee", subjectId: a1.id, data: { email } } });
    const oldToken = a1.accessToken;
    expect(await getAttendeeByToken(db, { token: oldToken })).not.toBeNull();
    const figures = async () => ({
      scores: await db.feedback.aggregate({ where: { deliveryId: delivery.id }, _avg: { overallScore: true, relevanceScore: true, facilitationScore: true, confidenceBefore: true, confidenceAfter: true }, _count: true }),
      attended: await db.attendee.count({ where: { engagementId: engagement.id, attended: true } }),
      attendees: await db.attendee.count(),
    });
    const before = await figures();
    const director = directorOf(scenario.director);

    expect(await eraseAttendee({ db, actor: director, input: { unverifiedAttendeeIds: [a1.id, a2.id], confirmEmail: "wrong@example.org" } })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    const result = await eraseAttendee({ db, actor: director, input: { unverifiedAttendeeIds: [a1.id, a2.id], confirmEmail: email } });
    expect(result).toMatchObject({ ok: true, data: { alreadyErased: false } });

    expect(await findEverywhere(db, [email, attendeeName])).toEqual([]);
    expect(await figures()).toEqual(before);
    const erased = await db.attendee.findMany({ where: { id: { in: [a1.id, a2.id] } }, orderBy: { createdAt: "asc" } });
    expect(erased.map((a) => [a.name, a.email, a.jobTitle, !!a.erasedAt])).toEqual([
      ["Erased attendee", `erased-${a1.id}@erased.invalid`, null, true],
      ["Erased attendee", `erased-${a2.id}@erased.invalid`, null, true],
    ]);
    expect(erased[0]!.attended).toBe(true);
    expect(await db.feedback.findFirstOrThrow({ where: { attendeeId: a1.id } })).toMatchObject({ comment: null, followUpComment: null, overallScore: 4, confidenceAfter: 9 });
    expect(await db.feedback.findFirstOrThrow({ where: { attendeeId: other.id } })).toMatchObject({ comment: "Sat next to [erased]" });
    expect(await getAttendeeByToken(db, { token: oldToken })).toBeNull();
    expect(await db.outboxMessage.count({ where: { status: "PENDING", kind: "certificate", to: { contains: "erased" } } })).toBe(0);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "privacy.erase", subject: "Attendee", subjectId: a1.id } });
    expect(event.data).toMatchObject({ categories: expect.arrayContaining(["attendee", "feedbackComments", "emailsCancelled", "emailBodies", "mentions"]), attendeeIds: [a1.id, a2.id] });

    expect(await eraseAttendee({ db, actor: director, input: { unverifiedAttendeeIds: [a1.id, a2.id], confirmEmail: email } })).toEqual({ ok: true, data: { alreadyErased: true, removed: [] } });

    // Two people who are both on two bookings, each erased from one of them: their places on the other booking
    // are left as they are (an identity under a unique index is never rewritten as a "mention"), so the second
    // erasure can't clash with the first on that booking's one-email-per-booking rule.
    const stamp = Date.now();
    const zoe = [engagement.id, second.id].map((engagementId) => db.attendee.create({ data: { engagementId, name: `Zoe Twice${stamp % 1000}`, email: `zoe.twice-${stamp}@example.org` } }));
    const vic = [engagement.id, second.id].map((engagementId) => db.attendee.create({ data: { engagementId, name: `Vic Twice${stamp % 1000}`, email: `vic.twice-${stamp}@example.org` } }));
    const [zoeHere, zoeThere] = await Promise.all(zoe);
    const [vicHere, vicThere] = await Promise.all(vic);
    expect(await eraseAttendee({ db, actor: director, input: { unverifiedAttendeeIds: [zoeHere!.id], confirmEmail: zoeHere!.email } })).toMatchObject({ ok: true, data: { alreadyErased: false } });
    expect(await eraseAttendee({ db, actor: director, input: { unverifiedAttendeeIds: [vicHere!.id], confirmEmail: vicHere!.email } })).toMatchObject({ ok: true, data: { alreadyErased: false } });
    expect((await db.attendee.findMany({ where: { id: { in: [zoeThere!.id, vicThere!.id] } }, orderBy: { name: "desc" } })).map((a) => a.email)).toEqual([zoeThere!.email, vicThere!.email]);
  });
});
