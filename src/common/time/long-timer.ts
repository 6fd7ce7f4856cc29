/** The longest delay setTimeout keeps: a longer one overflows and fires after 1 ms (TimeoutOverflowWarning). */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export interface LongTimer {
  clear(): void;
}

/**
 * setTimeout for any delay: one longer than MAX_TIMEOUT_MS (about 24.8 days) waits in steps of at most that, so
 * that an API key expiring in months holds its socket until then, not for 1 ms.
 */
export function setLongTimeout(callback: () => void, delayMs: number): LongTimer {
  const firesAt = Date.now() + Math.max(0, delayMs);
  let timer: NodeJS.Timeout;
  const wait = () => {
    const left = firesAt - Date.now();
    timer =
      left > MAX_TIMEOUT_MS ? setTimeout(wait, MAX_TIMEOUT_MS) : setTimeout(callback, Math.max(0, left));
  };
  wait();
  return { clear: () => clearTimeout(timer) };
}
