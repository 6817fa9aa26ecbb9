export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-4">
      <span className="sr-only">Loading…</span>
      <div className="h-8 w-64 rounded bg-stone-200" />
      <div className="grid gap-4 md:grid-cols-2">
        <div className="h-40 rounded-xl bg-stone-200" />
        <div className="h-40 rounded-xl bg-stone-200" />
      </div>
    </div>
  );
}
