import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/browser/page-i18n';

/** The largest and smallest number sizes, in rem: a few numbers read from across the room, many still fit. */
const LARGEST_REM = 3.5;
const SMALLEST_REM = 1.2;
const STEP_REM = 0.1;

interface Fit {
  rem: number;
  /** How many of the oldest numbers give way because even the smallest size cannot fit them all. */
  hidden: number;
}

/**
 * One column of order numbers (oldest first) that always fits its box: every number takes a cell of one size,
 * which gets smaller as the numbers grow in count; should even the smallest not fit them all, the oldest give way
 * ("+ 12 earlier" beside the heading), never the newest.
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
      const cell = box.querySelector('li')?.getBoundingClientRect();
      const shownRem = parseFloat(box.style.fontSize);
      if (!cell || !shownRem) return;
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
        {title}
        {fit.hidden > 0 && <span class="earlier"> {t('pickup.earlier', { count: fit.hidden })}</span>}
      </h2>
      <ul ref={list} style={{ fontSize: `${fit.rem}rem` }}>
        {numbers.slice(fit.hidden).map((order) => (
          <li key={order.orderId} style={{ width: `calc(${digits}ch + 0.8em)` }}>
            {order.number}
          </li>
        ))}
      </ul>
    </>
  );
}
