import { z } from 'zod';

/**
 * Where a test makes the process die hard (SIGKILL to itself) while it takes a terminal payment, to prove that a
 * restart neither charges twice nor loses the payment: before the amount is sent, after it was sent but before
 * the answer is recorded, with an approval written but not committed, and on a verified webhook before it is
 * applied; `<point>:<provider>` dies there for that provider's attempts only. Never set outside tests.
 */
export const TERMINAL_CRASH_POINTS = ['before_send', 'after_send', 'before_commit', 'webhook'] as const;
export type TerminalCrashPoint = (typeof TERMINAL_CRASH_POINTS)[number];

/** Card terminals' settings (docs/terminals.md): a part of the one environment schema. */
export const TERMINAL_SETTINGS = {
  TERMINAL_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  TERMINAL_CRASH_AT: z
    .string()
    .regex(
      new RegExp(`^(${TERMINAL_CRASH_POINTS.join('|')})(:(simulator|stripe|adyen))?$`),
      `must be one of ${TERMINAL_CRASH_POINTS.join(', ')}, perhaps with :<provider>`,
    )
    .optional(),
  STRIPE_API_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, 'must be a Stripe secret key (sk_live_…, sk_test_… or rk_…)')
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_\w+$/, 'must be a webhook signing secret (whsec_…)')
    .optional(),
  STRIPE_API_BASE: z.url().default('https://api.stripe.com'),
  ADYEN_API_KEY: z.string().min(20, 'must be an Adyen API key').optional(),
  ADYEN_MERCHANT_ACCOUNT: z.string().min(1).max(80).optional(),
  ADYEN_HMAC_KEY: z
    .string()
    .regex(/^([0-9A-Fa-f]{2}){16,}$/, 'must be the hex HMAC key of the webhook')
    .optional(),
  ADYEN_DEVICE_API_BASE: z.url().default('https://device-api-test.adyen.com/v1'),
  ADYEN_CHECKOUT_API_BASE: z.url().default('https://checkout-test.adyen.com/v71'),
};

type TerminalSettings = z.infer<z.ZodObject<typeof TERMINAL_SETTINGS>>;

export interface TerminalsConfig {
  pollMs: number;
  /** Tests only: where the process kills itself (a TERMINAL_CRASH_POINTS, and the provider); null in any real run. */
  crashAt: { point: TerminalCrashPoint; provider: string | null } | null;
  /** Stripe Terminal (server-driven); null without STRIPE_API_KEY: Stripe terminals are refused. */
  stripe: { apiKey: string; webhookSecret: string; apiBase: string } | null;
  /** Adyen's Terminal API over the Cloud device API; null without ADYEN_API_KEY: Adyen terminals are refused. */
  adyen: {
    apiKey: string;
    merchantAccount: string;
    hmacKey: string;
    deviceApi: string;
    checkoutApi: string;
  } | null;
}

/** What the providers' settings need together: each provider's settings come all or none. */
export function checkTerminalSettings(env: TerminalSettings, ctx: z.RefinementCtx): void {
  if (Boolean(env.STRIPE_API_KEY) !== Boolean(env.STRIPE_WEBHOOK_SECRET)) {
    ctx.addIssue({
      code: 'custom',
      path: [env.STRIPE_API_KEY ? 'STRIPE_WEBHOOK_SECRET' : 'STRIPE_API_KEY'],
      message: 'is required with the other: Stripe terminals need the API key and the webhook secret',
    });
  }
  const adyen = ['ADYEN_API_KEY', 'ADYEN_MERCHANT_ACCOUNT', 'ADYEN_HMAC_KEY'] as const;
  for (const name of adyen.filter((name) => !env[name] && adyen.some((other) => env[other]))) {
    ctx.addIssue({ code: 'custom', path: [name], message: 'is required with the other ADYEN_ settings' });
  }
}

export function terminalsConfigOf(e: TerminalSettings): TerminalsConfig {
  return {
    pollMs: e.TERMINAL_POLL_MS,
    crashAt: e.TERMINAL_CRASH_AT
      ? {
          point: e.TERMINAL_CRASH_AT.split(':')[0] as TerminalCrashPoint,
          provider: e.TERMINAL_CRASH_AT.split(':')[1] ?? null,
        }
      : null,
    stripe: e.STRIPE_API_KEY
      ? { apiKey: e.STRIPE_API_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET!, apiBase: e.STRIPE_API_BASE }
      : null,
    adyen: e.ADYEN_API_KEY
      ? {
          apiKey: e.ADYEN_API_KEY,
          merchantAccount: e.ADYEN_MERCHANT_ACCOUNT!,
          hmacKey: e.ADYEN_HMAC_KEY!,
          deviceApi: e.ADYEN_DEVICE_API_BASE.replace(/\/+$/, ''),
          checkoutApi: e.ADYEN_CHECKOUT_API_BASE.replace(/\/+$/, ''),
        }
      : null,
  };
}
