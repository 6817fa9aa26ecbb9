import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Glossary" };

const terms: [string, string][] = [
  ["Associate", "A freelancer who delivers our work. Some bring lived experience of care, some bring professional expertise, some bring both."],
  ["Availability", "When an associate can work: their usual weekly hours, changes for single dates, and time off. Clients only see times when a lived-experience associate and a professional associate are both free."],
  ["Care-experienced adult", "Someone who spent time in care as a child — in foster care, a children's home, kinship care or another arrangement."],
  ["Children's barred list", "A list, kept by the Disclosure and Barring Service, of people who may not work with children. An enhanced DBS check for work with children includes a check of it."],
  ["Co-delivered", "Led together by a care-experienced associate and a professional associate, as equals."],
  ["Mock inspection", "A practice inspection by The Vision, written up like an Ofsted report so a setting can prepare. It is never an Ofsted judgement, and every page of the report says so."],
  ["Limiting rule", "In an inspection, a rule that one judgement can't be better than another allows. For example, if how well children are helped and protected is inadequate, the overall judgement must be inadequate too."],
  ["SCCIF", "Ofsted's Social Care Common Inspection Framework: how children's homes and fostering agencies are inspected, judged on a 4-point scale — outstanding, good, requires improvement to be good, or inadequate."],
  ["Gini coefficient", "A number from 0 to 1 that shows how evenly something is shared. 0 means everyone had the same; the closer to 1, the more went to a few people. The impact report uses it for paid work among care-experienced associates."],
  ["Audit log", "A record of who looked at or changed sensitive information, and when. It shows what happened, never the sensitive details themselves."],
  ["Kirkpatrick levels", "A common way to evaluate training: level 1 is how people rated it, level 2 what they learnt (we ask about confidence before and after), level 3 what they do differently months later."],
  ["Consent", "Your agreement to one particular use of your information — for example, showing your profile to clients. You can give or withdraw each one at any time on your profile, and we keep a record of when."],
  ["DBS", "Disclosure and Barring Service. An enhanced DBS check shows whether someone may work with children. The Update Service keeps a check current."],
  ["Engagement", "Everything a client has booked or asked for from one service — for example six group-work sessions."],
  ["Delivery", "One dated session within an engagement."],
  ["Pairing board", "The director's page for one session: who is on it, the best-suited pairs of a care-experienced associate and a professional associate who are free, qualified and cleared, and why each is suggested."],
  ["Continuity", "Keeping the same facilitators with a client across an engagement where possible, so relationships can build. Pairs who have worked with the client before are suggested first."],
  ["Earnings threshold", "An amount you choose (per week or per month) that you don't want your fees from us to go over — for example because of your benefits. We warn you before booked work would cross it; we never work out your benefits."],
  ["Expenses", "Money you spent to do a session (travel, food, a room) that we pay back. Expenses are not earnings, so we always show them apart from your fees."],
  ["HCPC", "Health and Care Professions Council. It registers professions such as practitioner psychologists, art therapists and occupational therapists."],
  ["HMRC", "HM Revenue and Customs: the government department for tax and National Insurance."],
  ["Approved mileage rate", "What HMRC lets us pay back, tax-free, for each business mile you drive your own car (45p a mile). Anything paid above it would count as earnings, so mileage claims are capped at it."],
  ["Self Assessment", "How self-employed people tell HMRC what they earned in a tax year, so any tax and National Insurance can be worked out."],
  ["Jobcentre letter", "A letter from us, signed by the director, listing the sessions you worked, the hours, the fees and the payments in a period, for you to show the Jobcentre. It says expenses aren't earnings."],
  ["Offer", "A written offer of paid work to an associate: the client, time, place, fee and expenses, and when to reply by. Saying no is always fine."],
  ["Co-facilitator", "The other associate you deliver a session with. Every session has a care-experienced associate and a professional associate."],
  ["Calendar feed", "A private web link your calendar app (Google, Outlook, Apple) checks for your sessions, so they appear and update by themselves."],
  ["Withdraw", "Telling us you can no longer do a session you accepted. We find someone else and tell the client."],
  ["PO number", "Purchase-order number. Many councils need one on every invoice before they can pay it."],
  ["Professional indemnity insurance", "Insurance that covers you if a client says your professional advice or work caused them a loss. Associates need insurance that covers the date of each session."],
  ["Social Work England", "The body that registers social workers in England. Registration renews every year between 1 September and 30 November."],
  ["VAT", "Value Added Tax, charged at 20% on most of our services."],
  ["Credit note", "A document that cancels all or part of an invoice that has already been sent. Invoices are never changed once issued: a credit note is how they are corrected."],
  ["Pay run", "One round of paying associates for a period: fees for delivered sessions, any share of a cancellation charge, and approved expenses, each paid once. The director checks it, approves it, makes the payments and marks it paid."],
  ["BACS", "The UK system for bank-to-bank payments. A BACS file lists who to pay, how much and with what reference, so many payments can be made at once."],
  ["Utilisation", "How much of the time an associate said they're available is booked: booked hours divided by available hours over the next four weeks."],
  ["Aged debt", "Money owed to us, grouped by how long it has been overdue: not yet due, 1–30 days, 31–60, 61–90 and over 90 days."],
  ["Late payment interest", "Interest a business can charge on a late invoice under the Late Payment of Commercial Debts (Interest) Act 1998: 8% a year above the Bank of England base rate, plus fixed compensation of £40, £70 or £100 depending on the amount."],
  ["Base rate", "The Bank of England's interest rate. Late payment interest uses the rate on 30 June or 31 December before the invoice became overdue."],
  ["E-invoice (UBL)", "An invoice as a structured file (Universal Business Language) that public bodies' finance systems can read without retyping."],
];

export default function GlossaryPage() {
  return (
    <>
      <PageHeader title="Glossary" description="The words we use, in plain English." />
      <dl className="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white">
        {terms.map(([term, meaning]) => (
          <div key={term} className="grid gap-1 p-4 sm:grid-cols-3">
            <dt className="font-semibold">{term}</dt>
            <dd className="text-stone-800 sm:col-span-2">{meaning}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
