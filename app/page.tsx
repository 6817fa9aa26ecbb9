import Link from "next/link";
import { Button } from "@/components/ui/button";

export default function HomePage() {
  return (
    <div className="space-y-12">
      <section className="rounded-2xl bg-brand-50 px-6 py-12 sm:px-10">
        <p className="font-semibold text-brand-800">The Vision</p>
        <h1 className="mt-2 max-w-3xl text-3xl font-bold tracking-tight sm:text-5xl">
          Training and support for people who care for children — led by care-experienced adults and professionals, together.
        </h1>
        <p className="mt-4 max-w-2xl text-lg text-stone-800">
          Every session is led by a care-experienced adult and a professional side by side. You learn from both kinds of expertise, and care-experienced people are paid fairly for theirs.
        </p>
        <div className="mt-6 flex flex-wrap gap-3">
          <Button asChild>
            <Link href="/services">See our services</Link>
          </Button>
          <Button asChild variant="secondary">
            <Link href="/sign-in">Sign in</Link>
          </Button>
        </div>
      </section>
      <section className="grid gap-6 md:grid-cols-3">
        {[
          { title: "Always co-delivered", body: "No session goes ahead without both a lived-experience associate and a professional associate. If one can't make it, we find another pair before your date." },
          { title: "Book online", body: "Pick a time when a pair is free, add your purchase-order number, and pay by invoice or card. Other services start with a short request." },
          { title: "Fair, paid work", body: "Work is shared fairly among care-experienced associates, who choose how they are paid and how much of their story they share." },
        ].map((item) => (
          <div key={item.title} className="rounded-xl border border-stone-200 bg-white p-5">
            <h2 className="text-lg font-semibold">{item.title}</h2>
            <p className="mt-2 text-stone-700">{item.body}</p>
          </div>
        ))}
      </section>
    </div>
  );
}
