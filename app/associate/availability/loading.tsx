/** Shown while the availability page loads its hours and the four-week preview. */
export default function Loading() {
  return (
    <div role="status" className="space-y-6">
      <p className="text-stone-700">Loading your availability…</p>
      <div aria-hidden="true" className="h-96 animate-pulse rounded-xl bg-stone-100" />
      <div aria-hidden="true" className="h-64 animate-pulse rounded-xl bg-stone-100" />
    </div>
  );
}
