import { minutesUntilReady } from './kitchen-quote';

describe('the kitchen quote model', () => {
  const grill = (minutes: number) => ({ stationId: 'grill', minutes });
  const bar = (minutes: number) => ({ stationId: 'bar', minutes });

  it('answers the dish’s minutes in an empty kitchen, and 0 without lines', () => {
    expect(minutesUntilReady([], [grill(12)], 3)).toBe(12);
    expect(minutesUntilReady([], [grill(12), bar(2)], 3)).toBe(12);
    expect(minutesUntilReady([grill(5)], [], 3)).toBe(0);
  });

  it('prepares up to capacity lines of a station at once, then queues', () => {
    expect(minutesUntilReady([grill(10), grill(10)], [grill(6)], 3)).toBe(6);
    expect(minutesUntilReady([grill(10), grill(4), grill(8)], [grill(6)], 3)).toBe(10);
    expect(minutesUntilReady([grill(10), grill(4), grill(8)], [grill(6), grill(6)], 3)).toBe(14);
  });

  it('keeps stations apart: a busy grill does not delay a drink', () => {
    expect(minutesUntilReady([grill(30), grill(30)], [bar(2)], 1)).toBe(2);
    expect(minutesUntilReady([grill(30), grill(30)], [bar(2), grill(5)], 1)).toBe(65);
  });

  it('counts an overdue line as freeing its place now', () => {
    expect(minutesUntilReady([grill(-3)], [grill(5)], 1)).toBe(5);
  });

  it('grows with the queue', () => {
    const quotes = [0, 3, 6, 9].map((queued) =>
      minutesUntilReady(
        Array.from({ length: queued }, () => grill(10)),
        [grill(10)],
        3,
      ),
    );
    expect(quotes).toEqual([10, 20, 30, 40]);
  });
});
