import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/browser/page-i18n';

/** The largest and smallest number sizes, in rem: a few numbers read from across the room, many still fit. */
const LARGEST_REM = 3.5;
const SMALLEST_REM = 1.2;
const STEP_REM = 0.1;

interface Fit {
  rem: number;
  /** How many of the last numbers wait for room because even the smallest size cannot fit them all. */
  hidden: number;
}

/** A cell's width: room for the longest number and a little space, in ch and em so that it scales with the font. */
const cellWidth = (digits: number) => `calc(${digits}ch + 0.8em)`;

/**
 * One column of order numbers (in the board's order: the guests who have waited longest first) that always fits its
 * box: every number takes a cell of one size, which gets smaller as the numbers grow in count; should even the
 * smallest not fit them all, the last give way ("+ 12 more" beside the heading) until the first are picked up,
 * never those who have waited longest.
 */
export function NumberColumn({
  title,
  numbers,
}: {
  title: string;
  numbers: ReadonlyArray<{ orderId: string; number: number }>;
}) {
  const list = useRef<HTMLUListElement>(null);
  const [fit, setFit] = useState<Fit>({ rem: LARGEST_REM, hidden: 0 });
  const digits = Math.max(2, ...numbers.map((order) => String(order.number).length));

  useLayoutEffect(() => {
    const box = list.current;
    if (!box) return;
    const measure = () => {
      const shownRem = parseFloat(box.style.fontSize);
      // A box not laid out (hidden, or a window on its way to its size) holds nothing: its next size is measured.
      if (!shownRem || box.clientWidth === 0 || box.clientHeight === 0) return;
      // A cell as the list draws it, out of the flow: measurable even when no number is shown.
      const probe = document.createElement('li');
      probe.style.cssText = `position: absolute; visibility: hidden; width: ${cellWidth(digits)}`;
      probe.textContent = '8'.repeat(digits);
      box.appendChild(probe);
      const cell = probe.getBoundingClientRect();
      probe.remove();
      // A cell's size is in em and ch only, so it scales with the font size: measured once, worked out for any.
      const width = (cell.width / shownRem) * 1.01;
      const height = (cell.height / shownRem) * 1.01;
      const capacity = (rem: number) =>
        Math.floor(box.clientWidth / (width * rem)) * Math.floor(box.clientHeight / (height * rem));
      let rem = LARGEST_REM;
      while (rem > SMALLEST_REM && capacity(rem) < numbers.length)
        rem = Math.max(SMALLEST_REM, rem - STEP_REM);
      const hidden = Math.max(0, numbers.length - capacity(rem));
      setFit((known) => (known.rem === rem && known.hidden === hidden ? known : { rem, hidden }));
    };
    measure();
    const resized = new ResizeObserver(measure);
    resized.observe(box);
    return () => resized.disconnect();
  }, [numbers, digits]);

  return (
    <>
      <h2>
        <span class="title">{title}</span>
        {fit.hidden > 0 && <span class="more">{t('pickup.more', { count: fit.hidden })}</span>}
      </h2>
      <ul ref={list} style={{ fontSize: `${fit.rem}rem` }}>
        {numbers.slice(0, numbers.length - fit.hidden).map((order) => (
          <li key={order.orderId} style={{ width: cellWidth(digits) }}>
            {order.number}
          </li>
        ))}
      </ul>
    </>
  );
}
