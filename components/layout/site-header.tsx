import Link from "next/link";
import { getActor, homePathFor } from "@/lib/auth/actor";
import { env } from "@/lib/env";
import { signOutAction } from "@/app/sign-in/actions";

type NavLink = { href: string; label: string };

/** The header: navigation depends on who is signed in. */
export async function SiteHeader() {
  const actor = await getActor();
  const links: NavLink[] = [{ href: "/services", label: "Services" }];
  // The director console and the associate portal have their own section menus under the header.
  if (actor?.role === "DIRECTOR") links.unshift({ href: "/director", label: "Director console" });
  if (actor?.role === "ASSOCIATE") links.unshift({ href: "/associate", label: "My work" });
  if (actor?.role === "CLIENT") {
    for (const membership of actor.memberships) links.unshift({ href: `/org/${membership.slug}`, label: membership.name });
  }
  links.push({ href: "/glossary", label: "Glossary" });
  if (env.hasDevMailbox) links.push({ href: "/dev/mailbox", label: "Dev mailbox" });

  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href={actor ? homePathFor(actor) : "/"} className="flex items-center gap-2 text-lg font-bold text-brand-800">
          <span aria-hidden="true" className="inline-block h-3 w-3 rounded-full bg-brand-600" />
          Golden Thread
          <span className="sr-only">, home</span>
        </Link>
        <nav aria-label="Main" className="order-3 w-full sm:order-none sm:w-auto">
          <ul className="flex flex-wrap gap-1">
            {links.map((link) => (
              <li key={link.href}>
                <Link href={link.href} className="inline-flex min-h-11 items-center rounded-md px-3 text-sm font-medium text-stone-800 hover:bg-stone-100">
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="flex items-center gap-2 text-sm">
          {actor ? (
            <>
              <span className="hidden text-stone-700 md:inline">{actor.name ?? actor.email}</span>
              <form action={signOutAction}>
                <button type="submit" className="inline-flex min-h-11 items-center rounded-md border border-stone-300 px-3 font-medium hover:bg-stone-100">
                  Sign out
                </button>
              </form>
            </>
          ) : (
            <Link href="/sign-in" className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800">
              Sign in
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}
