import { SectionNav } from "@/components/layout/section-nav";

export const DIRECTOR_SECTIONS = [
  { href: "/director", label: "Overview" },
  { href: "/director/engagements", label: "Engagements" },
  { href: "/director/requests", label: "Requests" },
  { href: "/director/checks", label: "Checks" },
  { href: "/director/associates", label: "Associates" },
  { href: "/director/invoices", label: "Invoices" },
  { href: "/director/expenses", label: "Expenses" },
  { href: "/director/pay", label: "Pay" },
  { href: "/director/inspections", label: "Inspections" },
  { href: "/director/reports", label: "Reports" },
  { href: "/director/services", label: "Catalogue" },
  { href: "/director/clients", label: "Clients" },
  { href: "/director/audit", label: "Audit log" },
  { href: "/director/privacy", label: "Privacy requests" },
] as const;

/** The director console's sections, under the header. */
export function DirectorSectionNav() {
  return <SectionNav label="Director console" sections={DIRECTOR_SECTIONS} />;
}
