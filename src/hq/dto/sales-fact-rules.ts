import { MAX_AMOUNT } from '../../common/money';
import { labourFactProblems } from './labour-fact-rules';
import type { SalesFactMixInput } from './sales-fact-mix.inputs';

/** The largest value of an integer column on PostgreSQL (a Z report's number). */
const MAX_INTEGER = 2 ** 31 - 1;

/** A fact as the rules read it: its shape checked already. */
interface FactToCheck {
  type: string;
  figures: Record<
    'orders' | 'gross' | 'discounts' | 'serviceCharge' | 'tax' | 'refunds' | 'netSales' | 'tips',
    number
  >;
  detail: Record<string, unknown>;
  mix?: SalesFactMixInput;
}

export interface FactProblem {
  path: Array<string | number>;
  message: string;
}

/**
 * What a fact's figures, mix and detail must be for its type, as the site's fact producer makes them
 * (src/site-link/sales-facts.ts, sales-fact-mix.ts) from its receipts, orders, days and drawers: headquarters sums
 * them into its reports, so one that no site could have sent is refused at the door rather than kept.
 */
export function salesFactProblems(fact: FactToCheck): FactProblem[] {
  return [...figureProblems(fact), ...mixProblems(fact), ...detailProblems(fact)];
}

function figureProblems({ type, figures: f }: FactToCheck): FactProblem[] {
  const problems: FactProblem[] = [];
  const figure = (name: keyof FactToCheck['figures'], ok: boolean, message: string) => {
    if (!ok) problems.push({ path: ['figures', name], message });
  };
  if (type === 'sale') {
    // A receipt of a closed order: its subtotal, discount, service charge and tax, its total, its tips.
    figure('orders', f.orders === 1, 'must be 1 on a sale');
    figure('refunds', f.refunds === 0, 'must be 0 on a sale');
    for (const name of ['gross', 'discounts', 'serviceCharge', 'tax', 'tips'] as const) {
      figure(name, f[name] >= 0, 'must not be negative on a sale');
    }
    figure('discounts', f.discounts <= f.gross, 'must not be more than gross');
    const beforeTax = f.gross - f.discounts + f.serviceCharge;
    figure(
      'netSales',
      f.netSales === beforeTax || f.netSales === beforeTax + f.tax,
      'must be gross − discounts + serviceCharge, plus tax where prices exclude it',
    );
  } else if (type === 'refund') {
    // A refund receipt after the close: the money given back, its tax and tip taken back.
    for (const name of ['orders', 'gross', 'discounts', 'serviceCharge'] as const) {
      figure(name, f[name] === 0, 'must be 0 on a refund');
    }
    figure('refunds', f.refunds >= 0, 'must not be negative: the money given back');
    figure('netSales', f.netSales === -f.refunds, 'must be −refunds on a refund');
    figure('tax', f.tax <= 0, 'must not be positive on a refund: the tax taken back');
    figure('tips', f.tips <= 0, 'must not be positive on a refund: the tip given back');
  } else {
    for (const name of Object.keys(f) as Array<keyof FactToCheck['figures']>) {
      figure(name, f[name] === 0, `must be 0 on ${type}`);
    }
  }
  return problems;
}

function mixProblems({ type, figures, mix }: FactToCheck): FactProblem[] {
  if (!mix) return [];
  if (type === 'labour_days') return [{ path: ['mix'], message: 'a labour_days fact has none' }];
  const problems: FactProblem[] = [];
  if (type !== 'sale') {
    if (mix.dishes.length > 0) problems.push({ path: ['mix', 'dishes'], message: 'only a sale has dishes' });
    if (mix.modifiers.length > 0)
      problems.push({ path: ['mix', 'modifiers'], message: 'only a sale has modifiers' });
  }
  mix.taxes.forEach((row, i) => {
    if (row.gross !== row.net + row.tax) {
      problems.push({ path: ['mix', 'taxes', i, 'gross'], message: 'must be net + tax' });
    }
  });
  const tax = mix.taxes.reduce((sum, row) => sum + row.tax, 0);
  if (tax !== figures.tax) {
    problems.push({ path: ['mix', 'taxes'], message: `their tax must sum to figures.tax (${figures.tax})` });
  }
  return problems;
}

/** What headquarters keeps of a closed day's Z report, a closed drawer's count and labour days, within its columns. */
function detailProblems({ type, detail }: FactToCheck): FactProblem[] {
  const problems: FactProblem[] = [];
  if (type === 'cash_shift_closed') {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    if (typeof detail.id !== 'string' || !uuid.test(detail.id)) {
      problems.push({ path: ['detail', 'id'], message: 'must be the shift’s id (a UUID)' });
    }
    for (const name of ['expectedCash', 'countedCash']) {
      if (!isWithin(detail[name], MAX_AMOUNT)) {
        problems.push({ path: ['detail', name], message: `must be an integer within ±${MAX_AMOUNT}` });
      }
    }
  }
  if (type === 'labour_days') problems.push(...labourFactProblems(detail));
  if (type === 'day_closed') {
    const report = detail.zReport;
    const zNumber = (path: string[], value: unknown) => {
      if (value !== undefined && !(isWithin(value, MAX_INTEGER) && (value as number) >= 0)) {
        problems.push({ path: ['detail', ...path], message: `must be an integer from 0 to ${MAX_INTEGER}` });
      }
    };
    zNumber(['number'], detail.number);
    if (report === undefined) return problems;
    if (typeof report !== 'object' || report === null || Array.isArray(report)) {
      problems.push({ path: ['detail', 'zReport'], message: 'must be the day’s Z report (an object)' });
    } else {
      zNumber(['zReport', 'number'], (report as Record<string, unknown>).number);
    }
  }
  return problems;
}

const isWithin = (value: unknown, bound: number): boolean =>
  Number.isSafeInteger(value) && Math.abs(value as number) <= bound;
