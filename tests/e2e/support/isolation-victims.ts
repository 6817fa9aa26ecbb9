import { randomBytes } from "node:crypto";
import type pg from "pg";
import { DEMO_ORGANISATIONS } from "../../../lib/demo-accounts";

/**
 * The victims of the isolation matrix — real records read from the seeded e2e database — and the
 * people who try to reach them. Victims are chosen among records no other spec changes (a confirmed,
 * future council engagement whose facilitators have all accepted; associates no other spec signs in
 * as), because the e2e database is shared by specs running in parallel.
 */

/** Associates other specs sign in as or change (offers, pay runs, expenses, availability); the matrix changes none of their rows. */
const BUSY_ASSOCIATES = ["kayla", "sam", "marcus", "chloe", "jordan", "aisha", "helen", "david", "rachel", "leah", "fiona", "nathan", "gareth"].map((name) => `${name}@associates.thevision.example`);
/** The unassigned associate who tries: other specs only read as Chloe. */
const OTHER_ASSOCIATE = "chloe@associates.thevision.example";

export type Person = { userId: string; email: string; name: string | null; phone: string | null };
export type AssociatePerson = Person & { id: string; calendarFeedToken: string; story: string | null; dbsReferences: string[] };

export type Victims = {
  org: { id: string; slug: string; name: string; invoiceEmail: string | null; addressLine1: string | null };
  engagement: { id: string; reference: string; purchaseOrderNumber: string | null };
  delivery: { id: string };
  attendees: { id: string; name: string; email: string; accessToken: string }[];
  attendee: { accessToken: string };
  request: { reference: string; needs: string | null };
  invoice: { id: string; number: number };
  creditNote: { id: string };
  inspection: { id: string; childrensVoice: string };
  payRun: { id: string };
  service: { id: string; slug: string };
  requestService: { slug: string };
  /** A facilitator on the victim delivery (used as "an associate trying client and director pages"). */
  assignedAssociate: AssociatePerson;
  /** The associate whose own records (a session, an expense claim and its receipt) are the targets. */
  associate: AssociatePerson & { assignmentId: string; deliveryId: string; claimId: string | null; queriedClaimId: string | null };
  /** Ids whose rows must not change and must not gain audit events by foreign people. */
  ids: string[];
};

async function one<T extends pg.QueryResultRow>(client: pg.Client, what: string, sql: string, params: unknown[] = []): Promise<T> {
  const { rows } = await client.query<T>(sql, params);
  if (!rows[0]) throw new Error(`Isolation matrix: no seeded ${what} to use as a victim`);
  return rows[0];
}

async function associatePerson(client: pg.Client, associateId: string): Promise<AssociatePerson> {
  const row = await one<{ id: string; userId: string; email: string; name: string | null; phone: string | null; calendarFeedToken: string; story: string | null }>(
    client,
    "associate",
    `SELECT a.id, a."userId", u.email, u.name, u.phone, a."calendarFeedToken", s.story
       FROM "Associate" a JOIN "User" u ON u.id = a."userId" LEFT JOIN "LivedExperienceStory" s ON s."associateId" = a.id WHERE a.id = $1`,
    [associateId],
  );
  const { rows } = await client.query<{ reference: string }>(`SELECT reference FROM "ComplianceRecord" WHERE "associateId" = $1 AND kind IN ('DBS_ENHANCED', 'DBS_UPDATE_SERVICE')`, [associateId]);
  return { ...row, dbsReferences: rows.map((r) => r.reference) };
}

export async function loadVictims(client: pg.Client): Promise<Victims> {
  const org = await one<Victims["org"]>(client, "organisation", `SELECT id, slug, name, "invoiceEmail", "addressLine1" FROM "Organisation" WHERE slug = $1`, [DEMO_ORGANISATIONS.council]);
  // A confirmed council engagement more than three days ahead (no reminders due), with attendees, whose
  // facilitators have all accepted (no offers to expire or decline). Other specs book, move and cancel
  // only their own new bookings, answer only seeded offers and record attendance only on delivered sessions.
  const engagement = await one<Victims["engagement"] & { deliveryId: string; needs: string | null }>(
    client,
    "engagement",
    `SELECT e.id, e.reference, e."purchaseOrderNumber", e.needs, d.id AS "deliveryId"
       FROM "Engagement" e JOIN "Delivery" d ON d."engagementId" = e.id
      WHERE e."organisationId" = $1 AND e.status = 'CONFIRMED' AND d.status = 'CONFIRMED' AND d."startsAt" > now() + interval '3 days'
        AND EXISTS (SELECT 1 FROM "Attendee" t WHERE t."engagementId" = e.id)
        AND NOT EXISTS (SELECT 1 FROM "Assignment" x JOIN "Delivery" y ON y.id = x."deliveryId" WHERE y."engagementId" = e.id AND x.status <> 'ACCEPTED')
        AND EXISTS (SELECT 1 FROM "Assignment" x WHERE x."deliveryId" = d.id)
      ORDER BY e.reference, d."startsAt" LIMIT 1`,
    [org.id],
  );
  const { rows: attendees } = await client.query<Victims["attendees"][number]>(`SELECT id, name, email, "accessToken" FROM "Attendee" WHERE "engagementId" = $1 ORDER BY email`, [engagement.id]);
  const { rows: deliveries } = await client.query<{ id: string }>(`SELECT id FROM "Delivery" WHERE "engagementId" = $1`, [engagement.id]);
  const assigned = await one<{ associateId: string }>(client, "facilitator", `SELECT "associateId" FROM "Assignment" WHERE "deliveryId" = $1 ORDER BY role LIMIT 1`, [engagement.deliveryId]);
  const request = await client.query<{ reference: string; needs: string | null }>(`SELECT reference, needs FROM "Engagement" WHERE "organisationId" = $1 AND status IN ('REQUESTED', 'QUOTED') ORDER BY reference LIMIT 1`, [org.id]);
  const invoice = await one<Victims["invoice"]>(client, "invoice", `SELECT id, number FROM "Invoice" WHERE "organisationId" = $1 AND number IS NOT NULL ORDER BY number LIMIT 1`, [org.id]);
  const creditNote = await client.query<{ id: string }>(`SELECT id FROM "CreditNote" WHERE "organisationId" = $1 ORDER BY number LIMIT 1`, [org.id]);
  const inspection = await one<Victims["inspection"]>(client, "mock inspection", `SELECT id, "childrensVoice" FROM "MockInspection" ORDER BY "createdAt" LIMIT 1`);
  const payRun = await one<Victims["payRun"]>(client, "pay run", `SELECT id FROM "PayRun" ORDER BY "periodStart" LIMIT 1`);
  const service = await one<Victims["service"]>(client, "bookable service", `SELECT id, slug FROM "Service" WHERE "bookableOnline" AND active ORDER BY "sortOrder" LIMIT 1`);
  const requestService = await one<Victims["requestService"]>(client, "service on request", `SELECT slug FROM "Service" WHERE NOT "bookableOnline" AND active ORDER BY "sortOrder" LIMIT 1`);

  // The associate whose own records are targeted: one no other spec uses, with an accepted session; their claim is added if they have none.
  const owner = await one<{ associateId: string; assignmentId: string; deliveryId: string }>(
    client,
    "associate with a session",
    `SELECT s.id AS "associateId", x.id AS "assignmentId", x."deliveryId"
       FROM "Associate" s JOIN "User" u ON u.id = s."userId"
       JOIN "Assignment" x ON x."associateId" = s.id AND x.status = 'ACCEPTED'
      WHERE s.active AND NOT (u.email = ANY($1)) AND s.id <> $2 AND u.email <> $3
      ORDER BY u.email, x."createdAt" LIMIT 1`,
    [BUSY_ASSOCIATES, assigned.associateId, OTHER_ASSOCIATE],
  );
  const claims = await client.query<{ id: string; status: string }>(`SELECT id, status FROM "ExpenseClaim" WHERE "associateId" = $1 ORDER BY "createdAt"`, [owner.associateId]);
  const queried = claims.rows.find((c) => c.status === "QUERIED");
  const associate = await associatePerson(client, owner.associateId);

  const ids = [
    org.id,
    engagement.id,
    ...deliveries.map((d) => d.id),
    ...attendees.map((a) => a.id),
    invoice.id,
    inspection.id,
    payRun.id,
    // Not the facilitating associate's own id: other specs sign in as them and act on their own record (e.g. a statement download).
    owner.associateId,
    owner.assignmentId,
    ...claims.rows.map((c) => c.id),
  ];
  return {
    org,
    engagement: { id: engagement.id, reference: engagement.reference, purchaseOrderNumber: engagement.purchaseOrderNumber },
    delivery: { id: engagement.deliveryId },
    attendees,
    attendee: { accessToken: attendees[0]!.accessToken },
    request: { reference: request.rows[0]?.reference ?? engagement.reference, needs: request.rows[0]?.needs ?? engagement.needs },
    invoice,
    // None seeded: a well-formed id that exists nowhere still exercises the guard (the director's own control is skipped).
    creditNote: { id: creditNote.rows[0]?.id ?? "cm0000000000000000000000" },
    inspection,
    payRun,
    service,
    requestService,
    assignedAssociate: await associatePerson(client, assigned.associateId),
    associate: { ...associate, assignmentId: owner.assignmentId, deliveryId: owner.deliveryId, claimId: claims.rows[0]?.id ?? null, queriedClaimId: queried?.id ?? null },
    ids,
  };
}

/**
 * Gives the victim associate an expense claim with a receipt (only if they have none), so the receipt
 * route has a real target and the owner's own download is a real control. Returns what it added.
 */
export async function ensureClaimWithReceipt(client: pg.Client, v: Victims): Promise<{ claimId: string; addedClaimId: string | null; addedReceiptId: string | null }> {
  let claimId = v.associate.claimId;
  let addedClaimId: string | null = null;
  if (!claimId) {
    addedClaimId = `isolation-${randomBytes(6).toString("hex")}`;
    await client.query(
      `INSERT INTO "ExpenseClaim" (id, "associateId", "deliveryId", category, description, "claimedPence", "amountPence", status) VALUES ($1, $2, $3, 'PUBLIC_TRANSPORT', 'Train to the session (isolation matrix)', 1250, 1250, 'SUBMITTED')`,
      [addedClaimId, v.associate.id, v.associate.deliveryId],
    );
    claimId = addedClaimId;
  }
  v.associate.claimId = claimId;
  v.ids.push(claimId);
  const { rows } = await client.query(`SELECT 1 FROM "ExpenseReceipt" WHERE "expenseClaimId" = $1`, [claimId]);
  if (rows.length) return { claimId, addedClaimId, addedReceiptId: null };
  const addedReceiptId = `isolation-${randomBytes(6).toString("hex")}`;
  // A 1×1 PNG.
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
  await client.query(`INSERT INTO "ExpenseReceipt" (id, "expenseClaimId", filename, "contentType", "sizeBytes", bytes) VALUES ($1, $2, 'receipt.png', 'image/png', $3, $4)`, [addedReceiptId, claimId, png.length, png]);
  return { claimId, addedClaimId, addedReceiptId };
}

export async function removeAdded(client: pg.Client, added: { addedClaimId: string | null; addedReceiptId: string | null }) {
  if (added.addedReceiptId) await client.query(`DELETE FROM "ExpenseReceipt" WHERE id = $1`, [added.addedReceiptId]);
  if (added.addedClaimId) await client.query(`DELETE FROM "ExpenseClaim" WHERE id = $1`, [added.addedClaimId]);
}

/** The people who try: each a seeded user signed in by writing a database session, as fixtures.ts does. */
export type RoleKey =
  | "foreign-admin"
  | "foreign-booker"
  | "victim-org-admin"
  | "victim-org-booker"
  | "assigned-associate"
  | "other-associate"
  | "director"
  | "victim-associate"
  | "anonymous";

export const ROLE_LABELS: Record<RoleKey, string> = {
  "foreign-admin": "another organisation's admin",
  "foreign-booker": "another organisation's booker",
  "victim-org-admin": "the organisation's own admin (a client on director/associate pages)",
  "victim-org-booker": "the organisation's own booker (a client on admin/director/associate pages)",
  "assigned-associate": "an associate facilitating the engagement (on client/director pages)",
  "other-associate": "an unassigned associate",
  director: "the director",
  "victim-associate": "the associate who owns the records (owner control)",
  anonymous: "an anonymous visitor",
};

export type Session = { role: RoleKey; userId: string | null; email: string | null; token: string | null };

async function userByEmail(client: pg.Client, email: string) {
  return one<{ id: string; email: string }>(client, `user ${email}`, `SELECT id, email FROM "User" WHERE email = $1`, [email]);
}

export async function createSessions(client: pg.Client, victims: Victims): Promise<Record<RoleKey, Session>> {
  const foreignOrg = DEMO_ORGANISATIONS.home;
  const member = (slug: string, role: "ORG_ADMIN" | "BOOKER") =>
    one<{ id: string; email: string }>(
      client,
      `${role} of ${slug}`,
      `SELECT u.id, u.email FROM "Membership" m JOIN "User" u ON u.id = m."userId" JOIN "Organisation" o ON o.id = m."organisationId"
        WHERE o.slug = $1 AND m.role = $2 ORDER BY u."createdAt", u.email LIMIT 1`,
      [slug, role],
    );
  const other = await one<{ id: string; email: string }>(
    client,
    "unassigned associate",
    `SELECT u.id, u.email FROM "Associate" s JOIN "User" u ON u.id = s."userId"
      WHERE u.email = $1 AND NOT EXISTS (SELECT 1 FROM "Assignment" x JOIN "Delivery" d ON d.id = x."deliveryId" WHERE x."associateId" = s.id AND d."engagementId" = $2)`,
    [OTHER_ASSOCIATE, victims.engagement.id],
  );
  const people: Record<Exclude<RoleKey, "anonymous">, { id: string; email: string }> = {
    "foreign-admin": await member(foreignOrg, "ORG_ADMIN"),
    "foreign-booker": await member(foreignOrg, "BOOKER"),
    "victim-org-admin": await member(victims.org.slug, "ORG_ADMIN"),
    "victim-org-booker": await member(victims.org.slug, "BOOKER"),
    "assigned-associate": { id: victims.assignedAssociate.userId, email: victims.assignedAssociate.email },
    "other-associate": other,
    director: await userByEmail(client, "director@thevision.example"),
    "victim-associate": { id: victims.associate.userId, email: victims.associate.email },
  };
  const sessions = { anonymous: { role: "anonymous", userId: null, email: null, token: null } } as Record<RoleKey, Session>;
  for (const [role, person] of Object.entries(people) as [Exclude<RoleKey, "anonymous">, { id: string; email: string }][]) {
    const token = `isolation-${randomBytes(24).toString("hex")}`;
    await client.query(`INSERT INTO "Session" ("sessionToken", "userId", "expires", "updatedAt") VALUES ($1, $2, now() + interval '1 hour', now())`, [token, person.id]);
    sessions[role] = { role, userId: person.id, email: person.email, token };
  }
  return sessions;
}

export async function deleteSessions(client: pg.Client, sessions: Record<RoleKey, Session>) {
  const tokens = Object.values(sessions).flatMap((s) => (s.token ? [s.token] : []));
  await client.query(`DELETE FROM "Session" WHERE "sessionToken" = ANY($1)`, [tokens]);
}

/**
 * A fingerprint of every victim row (and the rows hanging off them): any write to them by an attempt —
 * an update, a new delivery, assignment, attendee, quote, invoice line, claim or consent — changes it.
 */
export async function fingerprint(client: pg.Client, v: Victims): Promise<Record<string, string>> {
  const owner = v.associate.id;
  const claim = v.associate.claimId ?? "";
  const tables: [string, string, unknown[]][] = [
    ["Organisation", `SELECT t.id, t.name, t."invoiceEmail" FROM "Organisation" t WHERE t.id = $1`, [v.org.id]],
    ["Engagement", `SELECT t.* FROM "Engagement" t WHERE t.id = $1`, [v.engagement.id]],
    ["Delivery", `SELECT t.* FROM "Delivery" t WHERE t."engagementId" = $1`, [v.engagement.id]],
    ["Assignment", `SELECT t.* FROM "Assignment" t JOIN "Delivery" d ON d.id = t."deliveryId" WHERE d."engagementId" = $1 OR t.id = $2`, [v.engagement.id, v.associate.assignmentId]],
    ["Attendee", `SELECT t.* FROM "Attendee" t WHERE t."engagementId" = $1`, [v.engagement.id]],
    ["Quote", `SELECT t.* FROM "Quote" t WHERE t."engagementId" = $1`, [v.engagement.id]],
    ["Feedback", `SELECT t.* FROM "Feedback" t JOIN "Delivery" d ON d.id = t."deliveryId" WHERE d."engagementId" = $1`, [v.engagement.id]],
    ["CardPayment", `SELECT t.* FROM "CardPayment" t WHERE t."engagementId" = $1`, [v.engagement.id]],
    ["Invoice", `SELECT t.* FROM "Invoice" t WHERE t.id = $1 OR t."engagementId" = $2`, [v.invoice.id, v.engagement.id]],
    ["InvoiceLine", `SELECT t.* FROM "InvoiceLine" t WHERE t."invoiceId" = $1`, [v.invoice.id]],
    ["CreditNote", `SELECT t.* FROM "CreditNote" t WHERE t."invoiceId" = $1`, [v.invoice.id]],
    ["MockInspection", `SELECT t.* FROM "MockInspection" t WHERE t.id = $1`, [v.inspection.id]],
    ["PayRun", `SELECT t.* FROM "PayRun" t WHERE t.id = $1`, [v.payRun.id]],
    ["Associate", `SELECT t.* FROM "Associate" t WHERE t.id = $1`, [owner]],
    ["LivedExperienceStory", `SELECT t.* FROM "LivedExperienceStory" t WHERE t."associateId" = $1`, [owner]],
    ["Consent", `SELECT t.* FROM "Consent" t WHERE t."associateId" = $1`, [owner]],
    ["ComplianceRecord", `SELECT t.* FROM "ComplianceRecord" t WHERE t."associateId" = $1`, [owner]],
    ["ExpenseClaim", `SELECT t.* FROM "ExpenseClaim" t WHERE t."associateId" = $1`, [owner]],
    ["ExpenseReceipt", `SELECT t.id, t."expenseClaimId", t."sizeBytes" FROM "ExpenseReceipt" t WHERE t."expenseClaimId" = $1`, [claim]],
    ["AssociatePayment", `SELECT t.* FROM "AssociatePayment" t WHERE t."assignmentId" = $1 OR t."expenseClaimId" = $2`, [v.associate.assignmentId, claim]],
  ];
  const result: Record<string, string> = {};
  for (const [name, sql, params] of tables) {
    const { rows } = await client.query<{ n: number; digest: string | null }>(`SELECT count(*)::int AS n, md5(string_agg(row_to_json(t)::text, '|' ORDER BY t.id)) AS digest FROM (${sql}) t`, params);
    result[name] = `${rows[0]!.n}:${rows[0]!.digest ?? "-"}`;
  }
  return result;
}

/**
 * Audit events written since `since` by the attackers about any victim record (a refused read must leave none).
 * Outsiders (`outsiderIds`) must leave none anywhere in the victim's organisation either. People who belong there
 * (its own admin and booker, its facilitator) are checked on the victim records only: other specs, sharing this
 * database, do legitimate work for the organisation at the same time (e.g. a facilitator taking attendance).
 */
export async function auditEventsAboutVictims(client: pg.Client, v: Victims, attackerIds: string[], outsiderIds: string[], since: Date) {
  const { rows } = await client.query<{ action: string; actorId: string; subjectId: string }>(
    `SELECT action, "actorId", "subjectId" FROM "AuditEvent"
      WHERE at >= $1 AND "actorId" = ANY($2) AND ("subjectId" = ANY($3) OR ("organisationId" = $4 AND "actorId" = ANY($5)))`,
    [since, attackerIds, v.ids, v.org.id, outsiderIds],
  );
  return rows;
}

/** Engagements (and their invoices) created since `since` by the people who sign in only here: the foreign booker and the associates. */
export async function rowsCreatedBy(client: pg.Client, userIds: string[], since: Date) {
  const { rows } = await client.query<{ engagements: number; invoices: number; attendees: number }>(
    `SELECT (SELECT count(*)::int FROM "Engagement" WHERE "requestedById" = ANY($1) AND "createdAt" >= $2) AS engagements,
            (SELECT count(*)::int FROM "Invoice" i JOIN "Engagement" e ON e.id = i."engagementId" WHERE e."requestedById" = ANY($1) AND i."createdAt" >= $2) AS invoices,
            (SELECT count(*)::int FROM "Attendee" a JOIN "Engagement" e ON e.id = a."engagementId" WHERE e."requestedById" = ANY($1) AND a."createdAt" >= $2) AS attendees`,
    [userIds, since],
  );
  return rows[0]!;
}
