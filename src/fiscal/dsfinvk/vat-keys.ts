/**
 * DSFinV-K's VAT keys (UST_SCHLUESSEL, Anhang B): fixed ids for Germany's rates, and ids from 1000 up for any other
 * rate a restaurant configures. A key names a percentage, so two rates with the same percentage share one.
 */
const FIXED: ReadonlyArray<{ percent: number; key: number; description: string }> = [
  { percent: 19, key: 1, description: 'Regelsteuersatz' },
  { percent: 7, key: 2, description: 'Ermäßigter Steuersatz' },
  { percent: 10.7, key: 3, description: 'Durchschnittsatz (§ 24 Abs. 1 Nr. 3 UStG)' },
  { percent: 5.5, key: 4, description: 'Durchschnittsatz (§ 24 Abs. 1 Nr. 1 UStG)' },
  { percent: 0, key: 6, description: 'Umsatzsteuerfrei' },
];

/** Tips to the staff are not taxable turnover (GV_TYP TrinkgeldAN). */
export const NOT_TAXABLE = { key: 5, percent: 0, description: 'Nicht Steuerbar' } as const;

export interface VatKey {
  key: number;
  percent: number;
  description: string;
}

/** The keys of one export: the fixed ones by percentage, the others numbered from 1000 in percentage order. */
export class VatKeys {
  private readonly byPercent = new Map<number, VatKey>();

  constructor(percents: Iterable<number>) {
    const others = new Set<number>();
    for (const percent of percents) {
      const fixed = FIXED.find((rate) => rate.percent === percent);
      if (fixed) this.byPercent.set(percent, fixed);
      else others.add(percent);
    }
    [...others]
      .sort((a, b) => a - b)
      .forEach((percent, i) =>
        this.byPercent.set(percent, { key: 1000 + i, percent, description: `${percent} %` }),
      );
  }

  keyOf(percent: number): number {
    const found = this.byPercent.get(percent);
    if (!found) throw new Error(`No VAT key for ${percent} %`);
    return found.key;
  }

  /** The key of a percentage, if this export has one for it. */
  knownKeyOf(percent: number): number | undefined {
    return this.byPercent.get(percent)?.key;
  }

  /** Every key used, the not-taxable one included, in key order. */
  all(): VatKey[] {
    return [...this.byPercent.values(), NOT_TAXABLE].sort((a, b) => a.key - b.key);
  }
}
