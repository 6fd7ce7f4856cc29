/**
 * The channels scenario of `npm run bench` (API.md "Channels"): a delivery channel that auto-accepts posts orders
 * at a fixed rate, open loop, while `--channel-sockets` listen as the kitchen and the floor do (the rush of the
 * latency scenario), and its quote is asked before, every second during, and after the load. Nobody cooks during
 * the bench, so the quote follows the kitchen's backlog. The service only: the bare baseline has no channels.
 */
import { randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Api, createApi } from './bench-http';
import { DISH_PRICE, openLoop, percentile, round1, sleep } from './bench-lib';
import { finishRush, openRush, roundRobin, rushCpuMeter, trackOrder } from './bench-rush';
import type { ScenarioContext } from './bench-scenarios';
import type { Restaurant } from './bench-targets';

export interface ChannelOptions {
  /** Channel orders per second, open loop. */
  channelRate: number;
  channelSeconds: number;
  /** Sockets connected during the load, kitchen screens included. */
  channelSockets: number;
}

const CODE = 'bench';
const PATH = `/api/v1/channels/${CODE}`;
/** What the channel sells a dish at, options included: its own price, kept on the item. */
const CHANNEL_PRICE = DISH_PRICE + 150;
const PREP_BUFFER_MINUTES = 10;
const ITEMS_PER_ORDER = 3;
const QUOTE_EVERY_MS = 1_000;
const MINUTE_MS = 60_000;

/**
 * The channel's mappings: bench dish i as `dish-i`, with the first of its sauces preset (the group asks for one),
 * and each other sauce as an option mapping `option-j`, so that a line has 1 or 2 options as in the other
 * scenarios.
 */
function channelItems(restaurant: Restaurant) {
  const [preset, ...extras] = restaurant.modifierOptionIds;
  return [
    ...restaurant.dishes.map((dish, i) => ({
      externalId: `dish-${i}`,
      dishId: dish.id,
      ...(preset ? { optionIds: [preset] } : {}),
    })),
    ...extras.map((optionId, j) => ({ externalId: `option-${j}`, optionIds: [optionId] })),
  ];
}

/** Creates the channel and its key (orders:write, no rate limit); answers the key. */
async function openChannel(api: Api, restaurant: Restaurant): Promise<string> {
  if (!restaurant.adminToken) throw new Error('the channels scenario needs an admin: the service only');
  await api.must(201, 'POST', '/api/v1/channels', restaurant.adminToken, {
    code: CODE,
    name: 'Bench delivery',
    autoAccept: true,
    prepBufferMinutes: PREP_BUFFER_MINUTES,
    items: channelItems(restaurant),
  });
  const body = {
    name: 'bench channel',
    scopes: ['orders:write'],
    channelCode: CODE,
    rateLimitPerMinute: null,
  };
  return (await api.must<{ key: string }>(201, 'POST', '/api/v1/api-keys', restaurant.adminToken, body)).key;
}

/** A paid delivery of 3 random dishes by the channel's ids, half its lines with an extra option. */
function channelOrder(restaurant: Restaurant, externalId: string) {
  const picks = Array.from({ length: ITEMS_PER_ORDER }, () => randomInt(restaurant.dishes.length));
  const extras = Math.max(0, restaurant.modifierOptionIds.length - 1);
  const items = picks.map((dish) => ({
    externalId: `dish-${dish}`,
    quantity: 1,
    price: CHANNEL_PRICE,
    ...(extras > 0 && randomInt(2) === 0 ? { options: [`option-${randomInt(extras)}`] } : {}),
  }));
  return {
    dishes: picks.map((i) => restaurant.dishes[i]),
    body: {
      externalId,
      customerName: 'Bench customer',
      phone: '+49 151 2345678',
      address: { line1: 'Hauptstraße 5', city: 'Berlin' },
      type: 'delivery',
      items,
      total: CHANNEL_PRICE * items.length,
      paidByChannel: true,
    },
  };
}

/** The basket quoted: one dish of each station. */
function quoteBasket(restaurant: Restaurant) {
  const stations = new Set<string>();
  return restaurant.dishes.flatMap((dish, i) => {
    if (stations.has(dish.stationId)) return [];
    stations.add(dish.stationId);
    return [{ externalId: `dish-${i}`, quantity: 1 }];
  });
}

/** One quote: minutes from its reply to readyAt (null when it failed), and how long it took. */
interface QuoteSample {
  minutes: number | null;
  ms: number;
}

async function askQuote(api: Api, key: string, items: object[]): Promise<QuoteSample> {
  const sent = performance.now();
  const reply = await api.call('POST', `${PATH}/quote`, key, { items }).catch(() => null);
  const ms = round1(performance.now() - sent);
  const readyAt = (reply?.body as { readyAt?: unknown } | null)?.readyAt;
  if (reply?.status !== 200 || typeof readyAt !== 'string') return { minutes: null, ms };
  return { minutes: round1((Date.parse(readyAt) - Date.now()) / MINUTE_MS), ms };
}

/** Asks the quote every second until stopped; stopping answers the samples. */
function sampleQuotes(api: Api, key: string, items: object[]) {
  const samples: QuoteSample[] = [];
  let stopped = false;
  const sampling = (async () => {
    while (!stopped) {
      const next = performance.now() + QUOTE_EVERY_MS;
      samples.push(await askQuote(api, key, items));
      await sleep(Math.max(0, next - performance.now()));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await sampling;
      return samples;
    },
  };
}

/**
 * Orders of the channel's key every 1/`--channel-rate` s for `--channel-seconds`, each with a unique externalId,
 * over `--clients` keep-alive connections (round robin over the instances), timed from their scheduled send: the
 * POST's reply, and each kitchen screen's receipt of `order.created`.
 */
export async function channels({ servers, restaurant, options }: ScenarioContext) {
  const key = await openChannel(createApi(servers[0].baseUrl), restaurant);
  const rush = await openRush(servers, restaurant, options.channelSockets);
  const apis = servers.map((server) =>
    createApi(server.baseUrl, Math.ceil(options.clients / servers.length)),
  );
  const quoteApi = createApi(servers[0].baseUrl, 1);
  const basket = quoteBasket(restaurant);
  const before = await askQuote(quoteApi, key, basket);
  const sampling = sampleQuotes(quoteApi, key, basket);
  const cpu = rushCpuMeter(servers, rush);
  const { started } = await openLoop(options.channelRate, options.channelSeconds, (i, due) => {
    const { dishes, body } = channelOrder(restaurant, `bench-${i}`);
    return trackOrder(rush, dishes, due, () => roundRobin(apis, i).call('POST', `${PATH}/orders`, key, body));
  });
  const wallMs = performance.now() - started;
  const cores = cpu.stop();
  const during = await sampling.stop();
  const after = await askQuote(quoteApi, key, basket);
  const deliveries = await finishRush(rush);
  const { log, tracker } = rush;
  const quotes = [before, ...during, after];
  const minutes = during.flatMap((sample) => (sample.minutes === null ? [] : [sample.minutes]));
  return {
    sent: Math.round(options.channelRate * options.channelSeconds),
    created: log.created,
    ordersPerSecond: round1(log.created / (wallMs / 1000)),
    ingestP50Ms: percentile(log.latenciesMs, 50),
    ingestP95Ms: percentile(log.latenciesMs, 95),
    ingestP99Ms: percentile(log.latenciesMs, 99),
    ingestMaxMs: percentile(log.latenciesMs, 100),
    errors: log.errors,
    deliveries: tracker.latenciesMs.length,
    kitchenP50Ms: percentile(tracker.latenciesMs, 50),
    kitchenP99Ms: percentile(tracker.latenciesMs, 99),
    ...deliveries,
    quoteBeforeMin: before.minutes,
    quotePeakMin: minutes.length ? Math.max(...minutes) : null,
    quoteAfterMin: after.minutes,
    /** Each second's quote during the load, in minutes (null: it failed). */
    quoteDuringMin: during.map((sample) => sample.minutes),
    quoteP50Ms: percentile(
      quotes.map((sample) => sample.ms),
      50,
    ),
    quoteMaxMs: percentile(
      quotes.map((sample) => sample.ms),
      100,
    ),
    quoteErrors: quotes.filter((sample) => sample.minutes === null).length,
    cores,
  };
}
