import { SectionNav } from "@/components/layout/section-nav";

export const ASSOCIATE_SECTIONS = [
  { href: "/associate", label: "Overview" },
  { href: "/associate/offers", label: "Offers" },
  { href: "/associate/sessions", label: "My sessions" },
  { href: "/associate/availability", label: "Availability" },
  { href: "/associate/money", label: "Money" },
  { href: "/associate/checks", label: "Checks" },
  { href: "/associate/profile", label: "Profile" },
] as const;

/** The associate portal's sections. */
export function AssociateSectionNav() {
  return <SectionNav label="Your work" sections={ASSOCIATE_SECTIONS} />;
}
