"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export type Section = { readonly href: string; readonly label: string };

/**
 * A row of section links under the header (the associate portal, the director console); the current
 * one is marked for screen readers too. `home` is only current on its own path, the others on their subpaths.
 */
export function SectionNav({ label, sections }: { label: string; sections: readonly Section[] }) {
  const pathname = usePathname();
  const home = sections[0]?.href;
  return (
    <nav aria-label={label} className="-mx-4 mb-6 overflow-x-auto border-b border-stone-200 px-4">
      <ul className="flex gap-1">
        {sections.map((section) => {
          const isCurrent = section.href === home ? pathname === home : pathname === section.href || pathname.startsWith(`${section.href}/`);
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
