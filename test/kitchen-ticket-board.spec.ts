import { type Order, TicketBoard, timerColour } from '../src/clients/kitchen/ticket-board';

/** The kitchen screen's ticket logic: which order wins, what a reload keeps, what is marked, what is counted. */
type Item = Order['items'][number];

const FIRED = '2026-11-24T18:00:00.000Z';
const LATER = '2026-11-24T18:03:00.000Z';

function item(id: string, overrides: Partial<Item> = {}): Item {
  return {
    id,
    dishId: `dish-${id}`,
    name: `Dish ${id}`,
    variationName: '',
    quantity: 1,
    modifiers: [],
    comment: null,
    seat: null,
    course: 1,
    status: 'new',
    stationId: 'grill',
    firedAt: FIRED,
    readyAt: null,
    voidReason: null,
    changedAt: null,
    ...overrides,
  } as Item;
}

function order(id: string, version: number, items: Item[], overrides: Partial<Order> = {}): Order {
  return {
    id,
    number: Number(id.replace(/\D/g, '')) || 1,
    version,
    status: 'open',
    type: 'dine_in',
    tableId: 't1',
    guests: 2,
    rush: false,
    notes: null,
    createdAt: FIRED,
    customer: null,
    fulfilment: null,
    items,
    ...overrides,
  } as Order;
}

describe('TicketBoard', () => {
  it('keeps an order at its newest version, whatever the order of arrival', () => {
    const board = new TicketBoard(null);
    expect(board.apply(order('o1', 2, [item('a', { status: 'in_progress' })]))).toBe(true);
    expect(board.apply(order('o1', 1, [item('a')]))).toBe(false);
    expect(board.cooking()[0].lines[0].status).toBe('in_progress');
  });

  it('lets a reload replace what it knows, but not an event that came during the reload', async () => {
    const board = new TicketBoard(null);
    board.apply(order('o1', 1, [item('a')]));
    board.apply(order('o2', 1, [item('b')]));
    board.apply(order('o4', 1, [item('d')]));
    const answer = deferred<Order[]>();
    const reloaded = board.reload(() => answer.promise);
    board.apply(order('o3', 4, [item('c')]));
    // Paid and closed while the tickets were read: the answer, read before, still has it open.
    board.apply(order('o4', 2, [item('d')], { status: 'closed' }));
    answer.resolve([
      order('o2', 1, [item('b')]),
      order('o3', 3, [item('c', { status: 'ready' })]),
      order('o4', 1, [item('d')]),
    ]);
    await reloaded;
    expect(board.cooking().map((ticket) => ticket.orderId)).toEqual(['o2', 'o3']);
    expect(board.order('o3')?.version).toBe(4);
  });

  it('keeps the events of two overlapping reloads over either answer, and a failed reload changes nothing', async () => {
    const board = new TicketBoard(null);
    const first = deferred<Order[]>();
    const second = deferred<Order[]>();
    const firstDone = board.reload(() => first.promise);
    board.apply(order('o1', 2, [item('a')]));
    const secondDone = board.reload(() => second.promise);
    second.resolve([order('o1', 2, [item('a')])]);
    await secondDone;
    // The first answer lands last and was read before o1 existed: o1 stays.
    first.resolve([order('o2', 1, [item('b')])]);
    await firstDone;
    expect(
      board
        .cooking()
        .map((ticket) => ticket.orderId)
        .sort(),
    ).toEqual(['o1', 'o2']);
    await expect(board.reload(() => Promise.reject(new Error('offline')))).rejects.toThrow('offline');
    expect(
      board
        .cooking()
        .map((ticket) => ticket.orderId)
        .sort(),
    ).toEqual(['o1', 'o2']);
  });

  it('shows a screen only its stations, drops closed orders, and puts a rush first', () => {
    const board = new TicketBoard(new Set(['grill']));
    board.apply(order('o1', 1, [item('a'), item('b', { stationId: 'bar' })]));
    board.apply(order('o2', 1, [item('c', { stationId: 'bar' })]));
    board.apply(order('o3', 1, [item('d', { firedAt: LATER })], { rush: true }));
    expect(board.cooking().map((ticket) => ticket.orderId)).toEqual(['o3', 'o1']);
    expect(board.cooking()[1].lines.map((line) => line.id)).toEqual(['a']);
    board.apply(order('o3', 2, [item('d')], { status: 'closed' }));
    expect(board.cooking().map((ticket) => ticket.orderId)).toEqual(['o1']);
  });

  it('marks lines added to a fired course, changed or voided after firing, and keeps held courses apart', () => {
    const board = new TicketBoard(null);
    board.apply(
      order('o1', 3, [
        item('a'),
        item('b', { firedAt: LATER }),
        item('c', { changedAt: LATER }),
        item('d', { status: 'cancelled', voidReason: 'wrong table' }),
        item('e', { status: 'held', course: 2, firedAt: null }),
        item('f', { status: 'cancelled', firedAt: null }),
      ]),
    );
    const [ticket] = board.cooking();
    const marks = Object.fromEntries(
      ticket.lines.map((line) => [line.id, [line.added, line.changed, line.voided]]),
    );
    expect(marks).toEqual({
      a: [false, false, false],
      b: [true, false, false],
      c: [false, true, false],
      d: [false, false, true],
    });
    expect(ticket.held).toEqual([{ course: 2, lines: [expect.objectContaining({ id: 'e' })] }]);
  });

  it('does not mark a fired course as added, and counts what is still to make all day', () => {
    const board = new TicketBoard(null);
    board.apply(
      order('o1', 1, [
        item('a', { quantity: 2 }),
        item('b', { course: 2, firedAt: LATER, dishId: 'dish-a', name: 'Dish a' }),
        item('c', { status: 'ready' }),
      ]),
    );
    expect(board.cooking()[0].lines.find((line) => line.id === 'b')?.added).toBe(false);
    expect(board.allDay()).toEqual([{ name: 'Dish a', quantity: 3 }]);
  });

  it('tells the expo which stations have bumped their lines, voided lines aside', () => {
    const board = new TicketBoard(null);
    board.apply(
      order('o1', 1, [
        item('a', { status: 'ready' }),
        item('b', { stationId: 'bar', status: 'ready' }),
        item('c', { stationId: 'bar', status: 'in_progress' }),
        item('d', { stationId: 'fryer', status: 'cancelled' }),
      ]),
    );
    expect(board.cooking()[0].stations).toEqual([
      { stationId: 'grill', done: true },
      { stationId: 'bar', done: false },
    ]);
  });

  it('names the courses fired after the ticket’s first lines, not the first course', () => {
    const board = new TicketBoard(null);
    board.apply(
      order('o1', 1, [
        item('a'),
        item('b', { firedAt: LATER }),
        item('c', { course: 2, firedAt: LATER }),
        item('d', { course: 3, status: 'held', firedAt: null }),
      ]),
    );
    expect(board.cooking()[0].firedCourses).toEqual([2]);
  });

  it('moves a ticket whose every line is ready to the bumped ones, last bumped first', () => {
    const board = new TicketBoard(null);
    board.apply(order('o1', 1, [item('a', { status: 'ready', readyAt: FIRED })]));
    board.apply(order('o2', 1, [item('b', { status: 'ready', readyAt: LATER })]));
    expect(board.cooking()).toEqual([]);
    expect(board.bumped().map((ticket) => ticket.orderId)).toEqual(['o2', 'o1']);
  });

  it('keeps a takeaway picked up (here or at the counter) out of Recall: the guest has it', () => {
    const board = new TicketBoard(null);
    const takeaway = (id: string, status: string, readyAt: string) =>
      order(id, 1, [item(`${id}-line`, { status: 'ready', readyAt })], {
        type: 'takeaway',
        tableId: null,
        status: 'ready',
        fulfilment: { status } as Order['fulfilment'],
      });
    board.apply(takeaway('o1', 'ready', FIRED));
    board.apply(takeaway('o2', 'picked_up', LATER));
    expect(board.bumped().map((ticket) => ticket.orderId)).toEqual(['o1']);
  });

  it('flags the guest’s allergens on the lines whose dish contains them', () => {
    const board = new TicketBoard(null, (dishId) => (dishId === 'dish-a' ? ['peanuts', 'milk'] : []));
    board.apply(
      order('o1', 1, [item('a'), item('b')], { customer: { id: 'c1', name: null, allergens: ['peanuts'] } }),
    );
    const [ticket] = board.cooking();
    expect(ticket.guestAllergens).toEqual(['peanuts']);
    expect(ticket.lines.map((line) => line.allergenHits)).toEqual([['peanuts'], []]);
  });
});

describe('timerColour', () => {
  it.each([
    [4 * 60_000 + 59_000, 'fresh'],
    [5 * 60_000, 'warn'],
    [8 * 60_000, 'late'],
  ])('at %i ms with thresholds 5 and 8 minutes is %s', (age, colour) => {
    expect(timerColour(age, 5, 8)).toBe(colour);
  });
});

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}
