import { AssociateSectionNav } from "@/components/associate/section-nav";

/** Every associate page shares the section navigation; each page checks the associate itself. */
export default function AssociateLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <AssociateSectionNav />
      {children}
    </>
  );
}
