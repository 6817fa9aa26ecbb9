import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl py-12 text-center">
      <h1 className="text-3xl font-bold">Page not found</h1>
      <p className="mt-3 text-stone-700">We couldn&apos;t find that page. It may have moved, or you may need to sign in with a different account.</p>
      <Link href="/" className="mt-6 inline-block font-semibold text-brand-800 underline">
        Go to the home page
      </Link>
    </div>
  );
}
