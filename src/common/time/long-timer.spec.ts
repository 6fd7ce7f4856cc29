import { MAX_TIMEOUT_MS, setLongTimeout } from './long-timer';

const DAY_MS = 86_400_000;

describe('setLongTimeout', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('fires after a delay longer than setTimeout can hold, and not before', () => {
    const fired = jest.fn();
    setLongTimeout(fired, 60 * DAY_MS);
    jest.advanceTimersByTime(MAX_TIMEOUT_MS + 1);
    jest.advanceTimersByTime(60 * DAY_MS - MAX_TIMEOUT_MS - 2);
    expect(fired).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it('fires after a short delay as setTimeout does', () => {
    const fired = jest.fn();
    setLongTimeout(fired, 1_000);
    jest.advanceTimersByTime(999);
    expect(fired).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it('never fires once cleared, in any step', () => {
    const fired = jest.fn();
    const timer = setLongTimeout(fired, 60 * DAY_MS);
    jest.advanceTimersByTime(MAX_TIMEOUT_MS + 1);
    timer.clear();
    jest.advanceTimersByTime(60 * DAY_MS);
    expect(fired).not.toHaveBeenCalled();
  });
});
