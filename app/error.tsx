"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-xl py-12 text-center">
      <h1 className="text-3xl font-bold">Something went wrong</h1>
      <p className="mt-3 text-stone-700">
        Sorry — that didn&apos;t work. Please try again. If it keeps happening, tell us this reference: {error.digest ?? "unknown"}.
      </p>
      <button type="button" onClick={reset} className="mt-6 min-h-11 rounded-lg bg-brand-700 px-4 font-semibold text-white">
        Try again
      </button>
    </div>
  );
}
