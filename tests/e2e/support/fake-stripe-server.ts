/**
 * A local stand-in for Stripe's network edge, for the e2e suite only. The app uses the real Stripe SDK
 * (pointed here by STRIPE_API_URL). It answers Checkout Session creation, serves a one-button "payment
 * page", and on "Pay" signs a checkout.session.completed event with the real SDK's test helper and posts
 * it to the app's webhook — as Stripe would — before returning to the success URL.
 */
import { createServer } from "node:http";
import Stripe from "stripe";

const port = Number(process.argv[process.argv.indexOf("--port") + 1]);
const appUrl = process.env.APP_URL!;
const secret = process.env.STRIPE_WEBHOOK_SECRET!;
const stripe = new Stripe("sk_test_fake");
const sessions = new Map<string, { id: string; success: string; cancel: string; amount: number; name: string }>();
let counter = 0;

const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? "/", `http://127.0.0.1:${port}`);
  const body = await new Promise<string>((resolve) => {
    let text = "";
    request.on("data", (chunk: Buffer) => (text += chunk.toString()));
    request.on("end", () => resolve(text));
  });
  if (url.pathname === "/health") return void response.end("ok");
  if (request.method === "POST" && url.pathname === "/v1/checkout/sessions") {
    const form = new URLSearchParams(body);
    const id = `cs_test_e2e_${++counter}_${Date.now()}`;
    const session = { id, success: form.get("success_url")!, cancel: form.get("cancel_url")!, amount: Number(form.get("line_items[0][price_data][unit_amount]")), name: form.get("line_items[0][price_data][product_data][name]") ?? "" };
    sessions.set(id, session);
    response.setHeader("content-type", "application/json");
    return void response.end(JSON.stringify({ id, object: "checkout.session", url: `http://127.0.0.1:${port}/pay/${id}`, payment_status: "unpaid" }));
  }
  const pay = /^\/pay\/([\w-]+)(\/complete)?$/.exec(url.pathname);
  const session = pay ? sessions.get(pay[1]!) : undefined;
  if (session && !pay![2]) {
    response.setHeader("content-type", "text/html; charset=utf-8");
    return void response.end(
      `<!doctype html><html lang="en"><head><title>Test payment page</title></head><body><main><h1>Test payment page</h1><p>${session.name}: £${(session.amount / 100).toFixed(2)}</p><form method="post" action="/pay/${session.id}/complete"><button type="submit">Pay £${(session.amount / 100).toFixed(2)}</button></form></main></body></html>`,
    );
  }
  if (session && pay![2] && request.method === "POST") {
    const event = { id: `evt_${session.id}`, object: "event", type: "checkout.session.completed", data: { object: { id: session.id, object: "checkout.session", payment_status: "paid", payment_intent: `pi_${session.id}` } } };
    const payload = JSON.stringify(event);
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
    await fetch(`${appUrl}/api/webhooks/stripe`, { method: "POST", body: payload, headers: { "stripe-signature": header, "content-type": "application/json" } });
    response.statusCode = 303;
    response.setHeader("location", session.success);
    return void response.end();
  }
  response.statusCode = 404;
  response.end(JSON.stringify({ error: { message: "Not found in the fake Stripe" } }));
});
server.listen(port, "127.0.0.1");
