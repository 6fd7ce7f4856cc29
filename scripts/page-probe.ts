/**
 * Times what a person sees in a page, from inside the page (no round trip to the driver in the figure): when a
 * screen first became usable, its long tasks, and how long an input or a click takes to show its outcome. Used by
 * `npm run measure-clients`.
 */
import type { BrowserContext, Page } from 'playwright-core';

/** Elements matching `selector`, enabled, one of them holding every text in `texts`. */
export interface Sight {
  selector: string;
  texts?: string[];
}

/** A click on `selector`, or, with `value`, typing that value into it (one input event, as a paste). */
export interface Action {
  selector: string;
  value?: string;
}

/** The main thread must stay free of long tasks this long after the screen is usable (Lighthouse's window). */
export const QUIET_WINDOW_MS = 5_000;
const GIVE_UP_MS = 60_000;

/** What the scripts here use of a page's globals: the scripts are compiled without the DOM's types. */
interface ProbeElement {
  textContent: string | null;
  disabled?: boolean;
  value?: string;
  click(): void;
  dispatchEvent(event: unknown): boolean;
}
interface ProbeWindow {
  document: { documentElement: unknown; querySelectorAll(selector: string): Iterable<ProbeElement> };
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void };
  PerformanceObserver: new (
    callback: (list: { getEntries(): Array<{ startTime: number; duration: number }> }) => void,
  ) => { observe(options: object): void };
  Event: new (type: string, init: object) => unknown;
  requestAnimationFrame(callback: () => void): number;
  /** Set by the probe: when the screen was first usable, and where each long task ended (ms since navigation). */
  probe: { usableAt: number | null; longTaskEnds: number[]; sees(sight: Sight): boolean };
}

/**
 * From every page's start in `context` (before its own scripts): notes the end of each long task (over 50 ms on the
 * main thread) and the moment `usable` is first seen, both in ms since the navigation started.
 */
export async function installProbe(context: BrowserContext, usable: Sight): Promise<void> {
  await context.addInitScript((sight: Sight) => {
    const page = globalThis as unknown as ProbeWindow;
    const probe: ProbeWindow['probe'] = {
      usableAt: null,
      longTaskEnds: [],
      sees: ({ selector, texts = [] }) =>
        [...page.document.querySelectorAll(selector)].some(
          (element) => !element.disabled && texts.every((text) => (element.textContent ?? '').includes(text)),
        ),
    };
    page.probe = probe;
    new page.PerformanceObserver((list) => {
      for (const task of list.getEntries()) probe.longTaskEnds.push(task.startTime + task.duration);
    }).observe({ type: 'longtask', buffered: true });
    const observer = new page.MutationObserver(() => {
      if (probe.usableAt === null && probe.sees(sight)) probe.usableAt = performance.now();
    });
    observer.observe(page.document, {
      childList: true,
      subtree: true,
      attributes: true,
      characterData: true,
    });
  }, usable);
}

export interface Interactive {
  /** Navigation start → the screen's usable element shown. */
  usableMs: number;
  /**
   * Navigation start → interactive: the end of the last long task, or the moment it was usable when later, once
   * QUIET_WINDOW_MS passed with no long task (Lighthouse's TTI, with "usable" for its first contentful paint and
   * without its network-quiet condition).
   */
  interactiveMs: number;
  longTasks: number;
  /** Bytes over the network for the page and what it loaded by then (0 for what came from a cache). */
  transferredBytes: number;
}

/** Waits for the page's probe to see the screen usable and the main thread quiet for QUIET_WINDOW_MS. */
export async function waitForInteractive(page: Page): Promise<Interactive> {
  const deadline = Date.now() + GIVE_UP_MS;
  while (Date.now() < deadline) {
    const state = await page.evaluate(() => {
      const { probe } = globalThis as unknown as ProbeWindow;
      const loads = performance.getEntries() as Array<{ transferSize?: number }>;
      return {
        now: performance.now(),
        usableAt: probe.usableAt,
        longTaskEnds: probe.longTaskEnds,
        transferredBytes: loads.reduce((sum, entry) => sum + (entry.transferSize ?? 0), 0),
      };
    });
    if (state.usableAt !== null) {
      const interactiveAt = Math.max(state.usableAt, ...state.longTaskEnds);
      if (state.now - interactiveAt >= QUIET_WINDOW_MS) {
        return {
          usableMs: state.usableAt,
          interactiveMs: interactiveAt,
          longTasks: state.longTaskEnds.length,
          transferredBytes: state.transferredBytes,
        };
      }
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`${page.url()}: not usable and quiet within ${GIVE_UP_MS / 1000} s`);
}

/**
 * Does `action` in the page and answers the ms until `outcome` is in the page and the frame showing it is about to
 * be painted.
 */
export async function timeAction(page: Page, action: Action, outcome: Sight): Promise<number> {
  return page.evaluate(
    async ({ action, outcome, giveUpMs }) => {
      const page = globalThis as unknown as ProbeWindow;
      const seen = () => page.probe.sees(outcome);
      const [target] = page.document.querySelectorAll(action.selector);
      if (!target) throw new Error(`nothing matches ${action.selector}`);
      const started = performance.now();
      if (action.value === undefined) target.click();
      else {
        target.value = action.value;
        target.dispatchEvent(new page.Event('input', { bubbles: true }));
      }
      await new Promise<void>((done, fail) => {
        if (seen()) return done();
        const giveUp = setTimeout(() => fail(new Error(`${outcome.selector} never showed`)), giveUpMs);
        new page.MutationObserver(() => {
          if (!seen()) return;
          clearTimeout(giveUp);
          done();
        }).observe(page.document.documentElement, {
          childList: true,
          subtree: true,
          attributes: true,
          characterData: true,
        });
      });
      await new Promise((done) => page.requestAnimationFrame(() => done(null)));
      return performance.now() - started;
    },
    { action, outcome, giveUpMs: GIVE_UP_MS },
  );
}
