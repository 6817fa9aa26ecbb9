import { afterAll, describe, expect, it } from "vitest";
import type { OrganisationContext } from "@/lib/auth/membership";
import { createPrismaClient } from "@/lib/db/create-client";
import { getOrganisationSettings, inviteColleague, registerOrganisation, removeColleague, updateBillingDetails } from "@/lib/server/organisations/organisation-settings";
import { createScenario } from "../fixtures/scenario";

const db = createPrismaClient(process.env.DATABASE_URL, { max: 6 });
afterAll(() => db.$disconnect());

async function adminScenario() {
  const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }] });
  await db.membership.updateMany({ where: { userId: scenario.booker.id, organisationId: scenario.organisation.id }, data: { role: "ORG_ADMIN" } });
  const admin: OrganisationContext = { ...scenario.context, role: "ORG_ADMIN" };
  return { scenario, admin };
}

describe("organisation settings", () => {
  it("admins update billing details; bad values are refused field by field and write nothing; bookers get not found", async () => {
    const { scenario, admin } = await adminScenario();
    const bad = await updateBillingDetails({ db, context: admin, input: { name: "", postcode: "12345", invoiceEmail: "finance@", vatNumber: "XX1" } });
    expect(bad).toMatchObject({
      ok: false,
      fieldErrors: {
        name: ["Enter the organisation's name."],
        postcode: ["Enter a UK postcode, like NS1 4AB."],
        invoiceEmail: ["Enter an email address like invoices@example.gov.uk."],
        vatNumber: ["Enter a UK VAT number, like GB123456789."],
      },
    });
    const good = await updateBillingDetails({ db, context: admin, input: { name: "Northshire County Council", addressLine1: "County Hall", town: "Northshire", postcode: "ns1 4ab", invoiceEmail: "Finance@Northshire.example", vatNumber: "GB 123 4567 89", poRequired: false, paymentTermsDays: "7" } });
    expect(good.ok).toBe(true);
    expect(await db.organisation.findUniqueOrThrow({ where: { id: scenario.organisation.id } })).toMatchObject({ postcode: "NS1 4AB", invoiceEmail: "finance@northshire.example", vatNumber: "GB123456789", poRequired: false });
    // Payment terms are agreed with the consultancy: a client's form can't change them.
    expect((await db.organisation.findUniqueOrThrow({ where: { id: scenario.organisation.id } })).paymentTermsDays).toBe(30);
    const asBooker = await updateBillingDetails({ db, context: { ...admin, role: "BOOKER" }, input: { name: "Hijacked" } });
    expect(asBooker).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await getOrganisationSettings(db, { context: { ...admin, role: "BOOKER" } })).toBeNull();
  });

  it("inviting adds a member and emails them; associates can't be added; the last admin can't be removed", async () => {
    const { scenario, admin } = await adminScenario();
    const invited = await inviteColleague({ db, context: admin, appUrl: "https://app.example", input: { email: "New.Booker@Northshire.example", name: "Nia", role: "BOOKER" } });
    expect(invited.ok).toBe(true);
    const member = await db.membership.findFirstOrThrow({ where: { organisationId: scenario.organisation.id, user: { email: "new.booker@northshire.example" } } });
    expect(member.role).toBe("BOOKER");
    expect(await db.outboxMessage.count({ where: { kind: "invite", to: "new.booker@northshire.example" } })).toBe(1);
    expect(await inviteColleague({ db, context: admin, appUrl: "x", input: { email: "new.booker@northshire.example", role: "BOOKER" } })).toMatchObject({ ok: false, message: "That person is already a member." });
    expect(await inviteColleague({ db, context: admin, appUrl: "x", input: { email: scenario.associates[0]!.user.email, role: "BOOKER" } })).toMatchObject({ ok: false, fieldErrors: { email: ["Use a different email address."] } });

    const adminMembership = await db.membership.findFirstOrThrow({ where: { organisationId: scenario.organisation.id, role: "ORG_ADMIN" } });
    expect(await removeColleague({ db, context: admin, input: { unverifiedMembershipId: adminMembership.id } })).toMatchObject({ ok: false, message: expect.stringContaining("at least one admin") });
    const other = await adminScenario();
    expect(await removeColleague({ db, context: other.admin, input: { unverifiedMembershipId: member.id } })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await removeColleague({ db, context: admin, input: { unverifiedMembershipId: member.id } })).toEqual({ ok: true, data: null });
    expect(await db.membership.count({ where: { id: member.id } })).toBe(0);
  });
});

describe("setting up an organisation on the way to booking", () => {
  it("makes the person its admin with a web address from the name (numbered when taken); bad details and non-clients are refused", async () => {
    const people = await Promise.all(
      ["first", "second"].map((who) => db.user.create({ data: { email: `${who}-${Date.now()}@newhome.example`, platformRole: "CLIENT" } })),
    );
    const input = { name: "Willow Brook Children's Home", kind: "CHILDRENS_HOME", addressLine1: "1 Lane", town: "Northshire", postcode: "NS2 3CD", invoiceEmail: "office@willow.example" };
    const refused = await registerOrganisation({ db, actor: { userId: people[0]!.id, role: "CLIENT", memberships: [] }, input: { ...input, kind: "CASTLE", postcode: "nope" } });
    expect(refused).toMatchObject({ ok: false, fieldErrors: { kind: ["Choose what kind of organisation it is."], postcode: ["Enter a UK postcode, like NS1 4AB."] } });
    const first = await registerOrganisation({ db, actor: { userId: people[0]!.id, role: "CLIENT", memberships: [] }, input });
    const second = await registerOrganisation({ db, actor: { userId: people[1]!.id, role: "CLIENT", memberships: [] }, input });
    expect(first).toEqual({ ok: true, data: { slug: "willow-brook-children-s-home" } });
    expect(second).toEqual({ ok: true, data: { slug: "willow-brook-children-s-home-2" } });
    const membership = await db.membership.findFirstOrThrow({ where: { userId: people[0]!.id }, include: { organisation: true } });
    expect(membership).toMatchObject({ role: "ORG_ADMIN", organisation: { kind: "CHILDRENS_HOME", postcode: "NS2 3CD", paymentTermsDays: 30 } });
    expect(await registerOrganisation({ db, actor: { userId: people[0]!.id, role: "ASSOCIATE", memberships: [] }, input })).toMatchObject({ ok: false });
    // "new" belongs to the /org/new page.
    const third = await db.user.create({ data: { email: `third-${Date.now()}@new.example`, platformRole: "CLIENT" } });
    expect(await registerOrganisation({ db, actor: { userId: third.id, role: "CLIENT", memberships: [] }, input: { ...input, name: "New" } })).toEqual({ ok: true, data: { slug: "new-2" } });
  });
});
