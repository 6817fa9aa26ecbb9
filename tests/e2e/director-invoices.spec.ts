import { randomBytes } from "node:crypto";
import type pg from "pg";
import { expect, test } from "./support/fixtures";
import { withDb } from "./support/database";

/**
 * The director's invoices, end to end: a delivered engagement becomes an invoice (PDF, number, VAT), is
 * credited and re-issued; an overdue invoice shows statutory interest and compensation. Each test makes
 * its own client organisation (no other spec touches it), so parallel specs never meet: the delivered
 * sessions were more than a year ago and co-delivered by a pair (Jordan and David) no other spec uses.
 */

const tag = () => randomBytes(4).toString("hex");

async function createClient(client: pg.Client, name: string) {
  const id = `e2e-inv-org-${tag()}`;
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${tag()}`;
  await client.query(
    `INSERT INTO "Organisation" (id, slug, name, kind, "addressLine1", town, postcode, "invoiceEmail", "poRequired", "paymentTermsDays", "updatedAt")
     VALUES ($1, $2, $3, 'FOSTERING_AGENCY', '2 Holly Road', 'Ashworth', 'BB4 1HB', $4, true, 30, now())`,
    [id, slug, name, `accounts+${slug}@hollybank.example`],
  );
  const userId = `e2e-inv-user-${tag()}`;
  await client.query(`INSERT INTO "User" (id, email, name, "platformRole", "updatedAt") VALUES ($1, $2, 'Hana Hollybank', 'CLIENT', now())`, [userId, `hana+${slug}@hollybank.example`]);
  await client.query(`INSERT INTO "Membership" (id, "userId", "organisationId", role) VALUES ($1, $2, $3, 'ORG_ADMIN')`, [`e2e-inv-m-${tag()}`, userId, id]);
  return { id, slug, userId, invoiceEmail: `accounts+${slug}@hollybank.example` };
}

/** A consultancy engagement with two sessions delivered (400 and 393 days ago) by an accepted pair. */
async function deliveredEngagement() {
  return withDb(async (client) => {
    const org = await createClient(client, "Hollybank Fostering");
    const reference = `GT-E2E-${tag().toUpperCase()}`;
    const engagementId = `e2e-inv-eng-${tag()}`;
    const { rows: service } = await client.query<{ id: string }>(`SELECT id FROM "Service" WHERE slug = 'consultancy'`);
    await client.query(
      `INSERT INTO "Engagement" (id, reference, "organisationId", "serviceId", "requestedById", status, "purchaseOrderNumber", "unitPricePenceSnapshot", "vatRateBasisPointsSnapshot", "sessionsRequested", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, 'DELIVERED', 'HB-PO-2291', 165000, 2000, 2, now())`,
      [engagementId, reference, org.id, service[0]!.id, org.userId],
    );
    const { rows: pair } = await client.query<{ id: string; email: string }>(
      `SELECT a.id, u.email FROM "Associate" a JOIN "User" u ON u.id = a."userId" WHERE u.email IN ('jordan@associates.thevision.example', 'david@associates.thevision.example') ORDER BY u.email DESC`,
    );
    // Whole minutes from a random offset, so reruns against the same database don't collide.
    const offsetMinutes = Math.floor(Math.random() * 20_000);
    for (const daysAgo of [400, 393]) {
      const deliveryId = `e2e-inv-del-${tag()}`;
      await client.query(
        `INSERT INTO "Delivery" (id, "engagementId", "startsAt", "endsAt", mode, status, "updatedAt")
         VALUES ($1, $2, date_trunc('day', now()) - make_interval(days => $3) + make_interval(mins => $4), date_trunc('day', now()) - make_interval(days => $3) + make_interval(mins => $4 + 180), 'ONLINE', 'DELIVERED', now())`,
        [deliveryId, engagementId, daysAgo, offsetMinutes % 600],
      );
      for (const [associate, role] of [[pair[0]!, "LIVED"], [pair[1]!, "PROFESSIONAL"]] as const) {
        await client.query(
          `INSERT INTO "Assignment" (id, "deliveryId", "associateId", role, status, "feePence", "blockedFrom", "blockedUntil", "respondedAt", "updatedAt")
           SELECT $1, d.id, $2, $3, 'ACCEPTED', 0, d."startsAt", d."endsAt", d."startsAt" - interval '7 days', now() FROM "Delivery" d WHERE d.id = $4`,
          [`e2e-inv-as-${tag()}`, associate.id, role, deliveryId],
        );
      }
    }
    return { org, reference, engagementId };
  });
}

/** Numbers 1…n each used once: no gaps, no duplicates. */
async function expectGaplessInvoiceNumbers() {
  const { count, max, distinct } = await withDb(async (client) => (await client.query<{ count: number; max: number; distinct: number }>(`SELECT count(*)::int AS count, count(DISTINCT number)::int AS distinct, max(number)::int AS max FROM "Invoice" WHERE number IS NOT NULL`)).rows[0]!);
  expect(distinct).toBe(count);
  expect(max).toBe(count);
}

const invoiceNumber = (text: string) => Number(/INV-0*(\d+)/.exec(text)![1]);

test.describe("director invoices", () => {
  test("a delivered engagement becomes an invoice (PDF, sequential number, VAT per line), is credited in full and re-issued", async ({ page, loginAs, expectAccessible }) => {
    test.setTimeout(120_000);
    const { org, reference, engagementId } = await deliveredEngagement();
    const highestBefore = await withDb(async (client) => (await client.query<{ max: number | null }>(`SELECT max(number)::int AS max FROM "Invoice"`)).rows[0]!.max ?? 0);
    await loginAs("director");

    await page.goto("/director/invoices");
    await expect(page.getByRole("heading", { name: "Invoices", level: 1 })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: `Create draft invoice for ${reference}` }).click();

    // Both delivered sessions are ticked; without the PO this client needs, the draft is refused and nothing is lost.
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Hollybank Fostering");
    const sessions = page.getByRole("group", { name: "What to invoice (one line each)" }).getByRole("checkbox");
    await expect(sessions).toHaveCount(2);
    for (const box of await sessions.all()) await expect(box).toBeChecked();
    await page.getByLabel("PO number (required by this client)").fill("");
    await page.getByRole("button", { name: "Create draft invoice" }).click();
    await expect(page.getByText("Enter the client's PO number.")).toBeVisible();
    await expect(page.getByLabel("PO number (required by this client)")).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page);
    await page.getByLabel("PO number (required by this client)").fill("HB-PO-2291");
    await page.getByRole("button", { name: "Create draft invoice" }).click();

    await expect(page.getByRole("status").filter({ hasText: "Draft created" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Draft invoice for Hollybank Fostering", level: 1 })).toBeVisible();
    // Two sessions at £1,650 with 20% VAT on each line.
    await expect(page.getByTestId("invoice-vat")).toHaveText("£660.00");
    await expect(page.getByTestId("invoice-total")).toHaveText("£3,960.00");
    await expectAccessible(page);

    // An extra line: 3 × £3.33 = £9.99, VAT 199.8p → £2.00 (per line, half up).
    const addLine = page.getByRole("region", { name: "Add a line" });
    await addLine.getByLabel("Description").fill("Workbooks & handouts");
    await addLine.getByLabel("Quantity").fill("3");
    await addLine.getByLabel("Unit price (£, excluding VAT)").fill("3.33");
    await addLine.getByRole("button", { name: "Add line" }).click();
    await expect(addLine.getByRole("status")).toContainText("Line added");
    await expect(page.getByTestId("invoice-vat")).toHaveText("£662.00");
    await expect(page.getByTestId("invoice-total")).toHaveText("£3,971.99");

    // Issue (after confirming): the next number, emailed with the PDF.
    await page.getByText("Issue this invoice…").click();
    await page.getByRole("button", { name: "Yes, issue and email it" }).click();
    await expect(page.getByRole("status").filter({ hasText: /Issued as INV-\d{5} and emailed to accounts\+/ })).toBeVisible();
    const heading = await page.getByRole("heading", { level: 1 }).textContent();
    const first = invoiceNumber(heading!);
    expect(first).toBeGreaterThan(highestBefore);
    await expectGaplessInvoiceNumbers();
    await expect(page.getByText("An issued invoice can't be changed")).toBeVisible();
    await expect(page.getByRole("button", { name: /Save line|Add line/ })).toHaveCount(0);
    await expectAccessible(page);

    const invoiceId = new URL(page.url()).pathname.split("/").at(-1)!;
    const pdf = await page.request.get(`/director/invoices/${invoiceId}/invoice.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    const ubl = await page.request.get(`/director/invoices/${invoiceId}/invoice.xml`);
    expect(await ubl.text()).toContain('<cbc:TaxAmount currencyID="GBP">662.00</cbc:TaxAmount>');
    const sent = await withDb(async (client) => (await client.query<{ subject: string; payload: { attachments: { contentType: string }[] } }>(`SELECT subject, payload FROM "OutboxMessage" WHERE kind = 'invoice' AND "to" = $1`, [org.invoiceEmail])).rows);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toContain(`INV-${String(first).padStart(5, "0")}`);
    expect(sent[0]!.payload.attachments[0]!.contentType).toBe("application/pdf");
    expect(await withDb(async (client) => (await client.query(`SELECT status FROM "Engagement" WHERE id = $1`, [engagementId])).rows[0].status)).toBe("INVOICED");

    // Credit it in full (the wrong PO was used, say), then re-issue it as a new draft.
    const credit = page.getByRole("region", { name: "Credit notes" });
    await credit.getByRole("button", { name: "Issue credit note and email it" }).click();
    await expect(credit.getByText("Say why you're issuing the credit note.")).toBeVisible();
    await credit.getByLabel("The whole invoice (£3,971.99 including VAT)").check();
    await credit.getByLabel("Reason (printed on the credit note)").fill("The client's PO number changed before payment.");
    await credit.getByRole("button", { name: "Issue credit note and email it" }).click();
    await expect(page.getByRole("status").filter({ hasText: /Credit note CN-\d{5} issued and emailed to the client\. The invoice is now credited in full/ })).toBeVisible();
    await expect(page.getByText("Credited in full").first()).toBeVisible();
    const creditPdfHref = await credit.getByRole("link", { name: /Download CN-\d{5} \(PDF\)/ }).getAttribute("href");
    const creditPdf = await page.request.get(creditPdfHref!);
    expect(creditPdf.headers()["content-type"]).toBe("application/pdf");
    expect((await creditPdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    await expectAccessible(page);

    await page.getByRole("button", { name: "Re-issue as a new draft" }).click();
    await expect(page.getByRole("status").filter({ hasText: "A new draft has been made from the credited invoice" })).toBeVisible();
    await expect(page.getByText(`Replaces INV-${String(first).padStart(5, "0")}`)).toBeVisible();
    await expect(page.getByTestId("invoice-total")).toHaveText("£3,971.99");
    await page.getByLabel("PO number (required by this client)").fill("HB-PO-2300");
    await page.getByRole("button", { name: "Save PO and terms" }).click();
    await expect(page.getByText("Details saved.")).toBeVisible();
    await page.getByText("Issue this invoice…").click();
    await page.getByRole("button", { name: "Yes, issue and email it" }).click();
    await expect(page.getByRole("status").filter({ hasText: /Issued as INV-\d{5}/ })).toBeVisible();
    const second = invoiceNumber((await page.getByRole("heading", { level: 1 }).textContent())!);
    expect(second).toBeGreaterThan(first);
    await expectGaplessInvoiceNumbers();
    await expect(page.getByText("HB-PO-2300")).toBeVisible();
  });

  test("an overdue invoice shows statutory interest and fixed compensation, and sits in the right aged-debt column", async ({ page, loginAs, expectAccessible }) => {
    // An invoice issued 75 days ago on 30-day terms (45 days overdue), numbered from the sequence like the app does.
    const { number, name } = await withDb(async (client) => {
      const org = await createClient(client, "Larchfield Trust");
      const invoiceId = `e2e-inv-overdue-${tag()}`;
      await client.query("BEGIN");
      await client.query(
        `INSERT INTO "Invoice" (id, "organisationId", status, "subtotalPence", "vatPence", "totalPence", "purchaseOrderNumber", "billingSnapshot", "updatedAt")
         VALUES ($1, $2, 'DRAFT', 165000, 33000, 198000, 'LT-PO-1', $3, now())`,
        [invoiceId, org.id, JSON.stringify({ name: "Larchfield Trust", invoiceEmail: org.invoiceEmail, paymentTermsDays: 30 })],
      );
      await client.query(
        `INSERT INTO "InvoiceLine" (id, "invoiceId", description, quantity, "unitPricePence", "vatRateBasisPoints", "netPence", "vatPence", position) VALUES ($1, $2, 'Consultancy day', 1, 165000, 2000, 165000, 33000, 0)`,
        [`e2e-inv-line-${tag()}`, invoiceId],
      );
      const { rows } = await client.query<{ number: number }>(`UPDATE "NumberSequence" SET next = next + 1 WHERE name = 'invoice' RETURNING next - 1 AS number`);
      await client.query(
        `UPDATE "Invoice" SET status = 'ISSUED', number = $2, "issuedOn" = (now() AT TIME ZONE 'Europe/London')::date - 75, "dueOn" = (now() AT TIME ZONE 'Europe/London')::date - 45 WHERE id = $1`,
        [invoiceId, rows[0]!.number],
      );
      await client.query("COMMIT");
      return { number: rows[0]!.number, name: "Larchfield Trust" };
    });

    await loginAs("director");
    await page.goto("/director/invoices");
    const row = page.getByTestId(`overdue-${number}`);
    await expect(row).toContainText(name);
    await expect(row.getByRole("cell").nth(2)).toHaveText("45");
    // £1,980 × (4% base + 8%) × 45 ÷ 365 = £29.29; compensation £70 (a debt from £1,000 to £9,999.99).
    await expect(row).toContainText("£29.29");
    await expect(row).toContainText("at 12% a year");
    await expect(row).toContainText("£70.00");
    const aged = page.getByRole("table", { name: /Money owed by each client/ }).getByRole("row", { name: new RegExp(name) });
    await expect(aged.getByRole("cell").nth(2)).toHaveText("£1,980.00"); // 31–60 days
    await expectAccessible(page);

    await row.getByRole("link", { name: `INV-${String(number).padStart(5, "0")}` }).click();
    const late = page.getByRole("region", { name: "Late payment" });
    await expect(late).toContainText("12% a year");
    await expect(late).toContainText("£29.29");
    await expect(late).toContainText("Could be claimed in all");
    await expect(late).toContainText("£2,079.29");
    await expect(page.getByText("Overdue", { exact: true })).toBeVisible();
    await expectAccessible(page);
    await expectGaplessInvoiceNumbers();
  });

  test("clients can't open the director's invoices or their downloads", async ({ page, loginAs }) => {
    await loginAs("council-admin");
    expect((await page.goto("/director/invoices"))?.status()).toBe(404);
    const someInvoice = await withDb(async (client) => (await client.query<{ id: string }>(`SELECT id FROM "Invoice" WHERE number IS NOT NULL LIMIT 1`)).rows[0]!.id);
    expect((await page.request.get(`/director/invoices/${someInvoice}/invoice.pdf`)).status()).toBe(404);
    expect((await page.request.get(`/director/invoices/${someInvoice}/invoice.xml`)).status()).toBe(404);
    expect((await page.request.get("/director/invoices/export.csv")).status()).toBe(404);
  });
});
