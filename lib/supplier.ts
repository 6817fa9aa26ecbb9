import { env } from "@/lib/env";

/**
 * Who invoices are from and how to pay them by bank transfer. Set the real values in the environment
 * (see .env.example); the defaults are clearly made-up demo details.
 */
export function getSupplier() {
  return {
    name: env.SUPPLIER_NAME,
    address: env.SUPPLIER_ADDRESS.split("|").map((line) => line.trim()),
    vatNumber: env.SUPPLIER_VAT_NUMBER,
    email: env.SUPPLIER_EMAIL,
    bank: { accountName: env.SUPPLIER_NAME, sortCode: env.BANK_SORT_CODE, accountNumber: env.BANK_ACCOUNT_NUMBER },
  };
}
