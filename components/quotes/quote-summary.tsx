import { formatPence, formatTimeRange } from "@/lib/format";

type Line = { description: string; quantity: number; unitPricePence: number; vatRateBasisPoints: number; netPence: number; vatPence: number };
type Session = { startsAt: string; endsAt: string; mode: "ONLINE" | "IN_PERSON"; location: string | null };

/** A quote as both sides see it: proposed sessions, price lines with VAT, totals, terms. */
export function QuoteSummary({ quote }: { quote: { lines: unknown; sessions: unknown; subtotalPence: number; vatPence: number; totalPence: number; terms: string | null; validUntil: Date | null } }) {
  const lines = (Array.isArray(quote.lines) ? quote.lines : []) as Line[];
  const sessions = (Array.isArray(quote.sessions) ? quote.sessions : []) as Session[];
  return (
    <div className="space-y-4">
      <div>
        <h3 className="font-semibold">Proposed sessions</h3>
        <ul className="mt-1 list-disc pl-5">
          {sessions.map((s) => (
            <li key={s.startsAt}>
              {formatTimeRange(new Date(s.startsAt), new Date(s.endsAt))} · {s.mode === "ONLINE" ? "Online" : `In person${s.location ? `, ${s.location}` : ""}`}
            </li>
          ))}
        </ul>
      </div>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Price lines</caption>
        <thead>
          <tr className="border-b border-stone-300">
            <th scope="col" className="py-1">What</th>
            <th scope="col" className="py-1 text-right">Qty</th>
            <th scope="col" className="py-1 text-right">Unit price</th>
            <th scope="col" className="py-1 text-right">VAT</th>
            <th scope="col" className="py-1 text-right">Net</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line, i) => (
            <tr key={i} className="border-b border-stone-200">
              <td className="py-1">{line.description}</td>
              <td className="py-1 text-right">{line.quantity}</td>
              <td className="py-1 text-right">{formatPence(line.unitPricePence)}</td>
              <td className="py-1 text-right">{line.vatRateBasisPoints / 100}%</td>
              <td className="py-1 text-right">{formatPence(line.netPence)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={4} className="py-1 text-right font-normal">Subtotal</th>
            <td className="py-1 text-right">{formatPence(quote.subtotalPence)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={4} className="py-1 text-right font-normal">VAT</th>
            <td className="py-1 text-right">{formatPence(quote.vatPence)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={4} className="py-1 text-right">Total</th>
            <td className="py-1 text-right font-semibold">{formatPence(quote.totalPence)}</td>
          </tr>
        </tfoot>
      </table>
      {quote.terms ? <p className="whitespace-pre-line text-sm">{quote.terms}</p> : null}
      {quote.validUntil ? <p className="text-sm text-stone-700">Valid until {quote.validUntil.toISOString().slice(0, 10)}.</p> : null}
    </div>
  );
}
