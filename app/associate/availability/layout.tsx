import { requireAssociate } from "@/lib/auth/guards";

/**
 * The availability page streams (loading.tsx), and a page inside a loading boundary can no longer set
 * the HTTP status once the loading state has been sent: its own guard would answer anyone else with
 * 200 and the not-found page (or a meta-refresh to sign-in). Checked here, outside the boundary, they
 * get a real 404 or sign-in redirect first. The page still checks for itself (the result is cached per request).
 */
export default async function AvailabilityLayout({ children }: { children: React.ReactNode }) {
  await requireAssociate("/associate/availability");
  return children;
}
