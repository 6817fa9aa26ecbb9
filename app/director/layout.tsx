import { DirectorSectionNav } from "@/components/director/section-nav";

/** Every director page shares the section navigation; each page checks the director itself. */
export default function DirectorLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <DirectorSectionNav />
      {children}
    </>
  );
}
