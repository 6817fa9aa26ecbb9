"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export const ASSOCIATE_SECTIONS = [
  { href: "/associate", label: "Overview" },
  { href: "/associate/offers", label: "Offers" },
  { href: "/associate/sessions", label: "My sessions" },
  { href: "/associate/availability", label: "Availability" },
  { href: "/associate/money", label: "Money" },
  { href: "/associate/checks", label: "Checks" },
  { href: "/associate/profile", label: "Profile" },
] as const;

/** The associate portal's sections; the current one is marked for screen readers too. */
export function AssociateSectionNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Your work" className="-mx-4 mb-6 overflow-x-auto border-b border-stone-200 px-4">
      <ul className="flex gap-1">
        {ASSOCIATE_SECTIONS.map((section) => {
          const isCurrent = section.href === "/associate" ? pathname === "/associate" : pathname.startsWith(section.href);
          return (
            <li key={section.href}>
              <Link
                href={section.href}
                aria-current={isCurrent ? "page" : undefined}
                className={cn(
                  "inline-flex min-h-11 items-center whitespace-nowrap border-b-2 px-3 text-sm font-medium",
                  isCurrent ? "border-brand-700 text-brand-800" : "border-transparent text-stone-700 hover:border-stone-300 hover:text-stone-900",
                )}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
