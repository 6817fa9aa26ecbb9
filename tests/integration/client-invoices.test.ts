import { PDFDocument } from "pdf-lib";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/create-client";
import { listClientInvoices, renderClientInvoice } from "@/lib/server/invoices/client-invoices";
import { createScenario } from "../fixtures/scenario";

const db = createPrismaClient(process.env.DATABASE_URL, { max: 4 });
afterAll(() => db.$disconnect());

describe("client invoices", () => {
  it("an organisation lists and downloads its own issued invoices (audited); drafts and other organisations' invoices are not found", async () => {
    const scenario = await createScenario(db, { associates: [] });
    const other = await createScenario(db, { associates: [] });
    // Lines go on while it is a draft; issuing then freezes it (the database refuses later changes).
    const draft = await db.invoice.create({
      data: {
        organisationId: scenario.organisation.id,
        purchaseOrderNumber: "PO-77",
        subtotalPence: 120_000,
        vatPence: 24_000,
        totalPence: 144_000,
        billingSnapshot: { name: "Northshire County Council", addressLine1: "County Hall", town: "Northshire", postcode: "NS1 4AB" },
        lines: { create: [{ description: "Trauma-informed practice, 1 December", quantity: 1, unitPricePence: 120_000, vatRateBasisPoints: 2000, netPence: 120_000, vatPence: 24_000 }] },
      },
    });
    const issued = await db.invoice.update({ where: { id: draft.id }, data: { status: "ISSUED", number: 900_001, issuedOn: new Date("2026-11-02"), dueOn: new Date("2026-12-02") } });
    await db.invoice.create({ data: { organisationId: scenario.organisation.id, status: "DRAFT" } });

    const list = await listClientInvoices(db, { context: scenario.context });
    expect(list.map((i) => [i.number, i.status])).toEqual([[900_001, "ISSUED"]]);
    const rendered = await renderClientInvoice(db, { context: scenario.context, unverifiedNumber: "900001" });
    expect(rendered?.filename).toBe("INV-900001.pdf");
    const pdf = await PDFDocument.load(rendered!.pdf);
    expect(pdf.getTitle()).toBe("Invoice INV-900001");
    expect(await db.auditEvent.count({ where: { action: "invoice.download", subjectId: issued.id, actorId: scenario.context.actor.userId } })).toBe(1);

    for (const [context, number] of [[other.context, "900001"], [scenario.context, "abc"], [scenario.context, "-1"], [scenario.context, "999999999"]] as const) {
      expect(await renderClientInvoice(db, { context, unverifiedNumber: number })).toBeNull();
    }
    expect(await listClientInvoices(db, { context: other.context })).toEqual([]);
  });
});
