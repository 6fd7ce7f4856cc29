import { t } from '../../i18n/browser/page-i18n';
import type { RefObject } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface Pages {
  /** The page shown, from 0. */
  current: number;
  count: number;
}

/**
 * The ticket flow's pages. The flow lays tickets out in columns (a long ticket continues in the next column, as a
 * commercial KDS does) that overflow sideways; a page is one screen-width of columns, so a page turn never shows
 * half a column. The cook turns pages with the buttons, the bump bar or a swipe.
 */
export function useBoardPages(): {
  flow: RefObject<HTMLDivElement | null>;
  pages: Pages;
  turnTo: (page: number) => void;
  /** Turns to the page where `element` starts (its first column). */
  show: (element: Element) => void;
  measure: () => void;
} {
  const flow = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<Pages>({ current: 0, count: 1 });

  const measure = useCallback(() => {
    const box = flow.current;
    if (!box) return;
    const pitch = pageWidth(box);
    const count = Math.max(1, Math.ceil((box.scrollWidth + columnGap(box)) / pitch - 0.01));
    const current = Math.min(count - 1, Math.round(box.scrollLeft / pitch));
    setPages((known) => (known.count === count && known.current === current ? known : { current, count }));
  }, []);

  const turnTo = useCallback(
    (page: number) => {
      const box = flow.current;
      if (!box) return;
      box.scrollTo({ left: Math.max(0, page) * pageWidth(box), behavior: 'instant' });
      measure();
    },
    [measure],
  );

  const show = useCallback(
    (element: Element) => {
      const box = flow.current;
      if (!box) return;
      const start = element.getBoundingClientRect().left - box.getBoundingClientRect().left + box.scrollLeft;
      turnTo(Math.floor((start + 1) / pageWidth(box)));
    },
    [turnTo],
  );

  // Every redraw may add or remove columns: the continuations and the page count follow.
  const layOut = useCallback(() => {
    if (flow.current) markContinuations(flow.current);
    measure();
  }, [measure]);
  useLayoutEffect(layOut);
  useEffect(() => {
    const box = flow.current;
    if (!box) return;
    const resized = new ResizeObserver(layOut);
    resized.observe(box);
    box.addEventListener('scroll', measure, { passive: true });
    return () => {
      resized.disconnect();
      box.removeEventListener('scroll', measure);
    };
  }, [measure, layOut]);

  return { flow, pages, turnTo, show, measure };
}

/** The parts of a ticket that may start a column: the first one of each column after the header's. */
const BLOCKS =
  ':scope > .stations, :scope > .allergy, :scope > .notes, :scope > .course > h3, .line, :scope > footer';
/** A header repeated can move what follows into the next column: a few passes settle it. */
const PASSES = 4;

/**
 * Marks the first part of a ticket in each column after its first (`data-continued`, which the stylesheet shows as
 * a header: "T4 · #12 (continued)"), so lines, allergies and Bump never sit under no name or under the ticket
 * above's. Columns are told apart by their left edge, half a ticket's width apart at least.
 */
export function markContinuations(box: HTMLElement): void {
  for (let pass = 0; pass < PASSES; pass += 1) {
    let changed = false;
    for (const ticket of box.querySelectorAll<HTMLElement>('article.ticket')) {
      const header = ticket.querySelector(':scope > header');
      if (!header) continue;
      const text = t('kitchen.ticket.continued', {
        title: ticket.dataset.title ?? '',
        number: ticket.dataset.number ?? '',
      });
      const { left: headerLeft, width } = header.getBoundingClientRect();
      let column = headerLeft;
      for (const block of ticket.querySelectorAll<HTMLElement>(BLOCKS)) {
        const left = block.getBoundingClientRect().left;
        // The next column starts a ticket's width further on; within a column, blocks are only indented.
        const continues = Math.abs(left - column) > width / 2;
        if (continues) column = left;
        const shown = block.dataset.continued;
        if (continues && shown !== text) block.dataset.continued = text;
        else if (!continues && shown !== undefined) delete block.dataset.continued;
        else continue;
        changed = true;
      }
    }
    if (!changed) return;
  }
}

/** One page: the flow's width plus the gap after its last column, which is where the next page's first starts. */
function pageWidth(box: HTMLElement): number {
  return box.clientWidth + columnGap(box);
}

function columnGap(box: HTMLElement): number {
  return parseFloat(getComputedStyle(box).columnGap) || 0;
}

/** The page turner under the tickets: earlier, where the cook is, later. */
export function PageTurner({ pages, turnTo }: { pages: Pages; turnTo: (page: number) => void }) {
  return (
    <nav class="pager" aria-label={t('kitchen.pages.label')}>
      <button class="earlier" disabled={pages.current === 0} onClick={() => turnTo(pages.current - 1)}>
        {t('kitchen.pages.earlier')}
      </button>
      <span class="page-of" role="status" aria-label={t('kitchen.pages.page')}>
        {t('kitchen.pages.pageOf', { page: pages.current + 1, count: pages.count })}
      </span>
      <button
        class="later"
        disabled={pages.current >= pages.count - 1}
        onClick={() => turnTo(pages.current + 1)}
      >
        {t('kitchen.pages.later')}
      </button>
    </nav>
  );
}
