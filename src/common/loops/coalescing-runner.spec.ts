import { CoalescingRunner } from './coalescing-runner';

const unreachable = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

/** A task whose runs the test finishes one by one, in order. */
function controlledTask() {
  const pending: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  let started = 0;
  const task = jest.fn(
    () =>
      new Promise<void>((resolve, reject) => {
        started += 1;
        pending.push({ resolve, reject });
      }),
  );
  return {
    task,
    started: () => started,
    finish: () => pending.shift()!.resolve(),
    fail: (error: unknown) => pending.shift()!.reject(error),
  };
}

function logs() {
  return { log: jest.fn(), warn: jest.fn(), error: jest.fn() };
}

describe('CoalescingRunner', () => {
  afterEach(() => jest.useRealTimers());

  it('runs at once, and once more after the run out for every call made meanwhile', async () => {
    const { task, started, finish } = controlledTask();
    const runner = new CoalescingRunner(task, { name: 'Reading', logger: logs() });
    const first = runner.run();
    const second = runner.run();
    const third = runner.run();
    expect(second).toBe(third);
    expect(started()).toBe(1);
    let secondDone = false;
    void second.then(() => (secondDone = true));
    finish();
    await first;
    await Promise.resolve();
    // The callers that came while the first run was out wait for a run that started after them.
    expect(started()).toBe(2);
    expect(secondDone).toBe(false);
    finish();
    await second;
    expect(started()).toBe(2);
  });

  it('logs a failed run as an error, resolves, and does not retry it by itself', async () => {
    jest.useFakeTimers();
    const logger = logs();
    const task = jest.fn().mockRejectedValue(new TypeError('a bug'));
    const runner = new CoalescingRunner(task, { name: 'Reading', logger });
    await runner.run();
    await runner.run();
    expect(logger.error).toHaveBeenCalledTimes(2);
    expect(logger.error).toHaveBeenCalledWith(expect.anything(), 'Reading failed');
    await jest.advanceTimersByTimeAsync(60_000);
    expect(task).toHaveBeenCalledTimes(2);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('while the database is unreachable: warns once, retries with a growing delay, skips the periodic runs', async () => {
    jest.useFakeTimers();
    const logger = logs();
    let down = true;
    const task = jest.fn(() => (down ? Promise.reject(unreachable()) : Promise.resolve()));
    const runner = new CoalescingRunner(task, { name: 'Polling', logger, everyMs: 100 });
    runner.start();
    await jest.advanceTimersByTimeAsync(100);
    expect(task).toHaveBeenCalledTimes(1);
    // Back-off: the retry comes 500 ms later, then 1 s, then 2 s; ticks of 100 ms in between do not run.
    await jest.advanceTimersByTimeAsync(499);
    expect(task).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(task).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(999);
    expect(task).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(1);
    expect(task).toHaveBeenCalledTimes(3);
    // Then 4 s, then capped at 8 s: runs at 0.1, 0.6, 1.6, 3.6, 7.6, 15.6 and 23.6 s, the next one at 31.6 s.
    await jest.advanceTimersByTimeAsync(29_000);
    const failedRuns = task.mock.calls.length;
    expect(failedRuns).toBe(7);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.anything(),
      'Polling failed: the database is unreachable; retrying with back-off',
    );
    expect(logger.error).not.toHaveBeenCalled();

    down = false;
    await jest.advanceTimersByTimeAsync(8_000);
    expect(logger.log).toHaveBeenCalledTimes(1);
    expect(logger.log).toHaveBeenCalledWith({ failedRuns }, 'Polling works again: the database is reachable');
    // Back to the period: a run every 100 ms.
    const recovered = task.mock.calls.length;
    await jest.advanceTimersByTimeAsync(300);
    expect(task.mock.calls.length).toBe(recovered + 3);
    await runner.stop();
  });

  it('a call made while backing off runs at once', async () => {
    jest.useFakeTimers();
    const task = jest.fn().mockRejectedValueOnce(unreachable()).mockResolvedValue(undefined);
    const runner = new CoalescingRunner(task, { name: 'Reading', logger: logs() });
    await runner.run();
    await runner.run();
    expect(task).toHaveBeenCalledTimes(2);
    // It succeeded: the retry planned after the failure is called off.
    await jest.advanceTimersByTimeAsync(10_000);
    expect(task).toHaveBeenCalledTimes(2);
  });

  it('stop() waits for the run out and starts no other', async () => {
    jest.useFakeTimers();
    const { task, finish } = controlledTask();
    const runner = new CoalescingRunner(task, { name: 'Reading', logger: logs(), everyMs: 100 });
    runner.start();
    await jest.advanceTimersByTimeAsync(100);
    const queued = runner.run();
    let stopped = false;
    const stopping = runner.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    finish();
    await stopping;
    await queued;
    await runner.run();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(task).toHaveBeenCalledTimes(1);
  });
});
