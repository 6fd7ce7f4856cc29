import { useState } from 'preact/hooks';
import { t } from '../../../i18n/browser/page-i18n';
import { ok, type Schemas } from '../../shared/api';
import { type Change, discountValue } from '../state/changes';
import { type Order, parseMoney, type Table } from '../state/floor';
import { approves } from './manager-approval';
import type { Shift } from '../state/shift';
import type { Approval } from '../state/shift';
import type { Outcome } from '../state/waiter-outbox';
import { refusalText } from '../state/refusals';

type Tool = 'discount' | 'customer' | 'move' | 'merge' | null;
type Customer = Schemas['CustomerView'];
type Reward = Schemas['RewardView'];

interface OrderToolsProps {
  shift: Shift;
  order: Order;
  table: Table;
  /** The table's other checks, for a merge. */
  checks: readonly Order[];
  submit: (change: Change) => Promise<Outcome>;
  askManager: (approval: Approval) => void;
}

/** What else a waiter does with a check: a discount (a manager approves), the guest, moving and merging tables. */
export function OrderTools({ shift, order, table, checks, submit, askManager }: OrderToolsProps) {
  const [tool, setTool] = useState<Tool>(null);
  const pick = (next: Tool) => setTool((shown) => (shown === next ? null : next));
  return (
    <section class="tools">
      <div class="actions">
        <button onClick={() => pick('discount')}>{t('waiter.tools.discount')}</button>
        <button onClick={() => pick('customer')}>
          {order.customer ? t('waiter.tools.guestAndRewards') : t('waiter.tools.attachGuest')}
        </button>
        <button onClick={() => pick('move')}>{t('waiter.tools.moveTable')}</button>
        <button onClick={() => pick('merge')}>{t('waiter.tools.mergeChecks')}</button>
      </div>
      {tool === 'discount' && (
        <DiscountForm
          onDiscount={(discount) => {
            const change: Change = { kind: 'discount', orderId: order.id, discount };
            setTool(null);
            if (approves(shift.session.user?.role)) return void submit(change);
            askManager({
              why: t('waiter.tools.discountApproval', {
                table: table.name,
                value: discountValue(discount),
                reason: discount.reason,
              }),
              then: async (asManager) => {
                const outcome = await shift.outbox.submit(change, order, asManager);
                if (outcome.status === 'refused') throw new Error(refusalText(outcome.problem));
              },
            });
          }}
        />
      )}
      {tool === 'customer' && <GuestTools shift={shift} order={order} submit={submit} />}
      {tool === 'move' && (
        <div class="choices" aria-label={t('waiter.tools.moveTo')}>
          {shift.store.tables
            .filter((other) => other.id !== table.id && other.status === 'free')
            .map((other) => (
              <button
                key={other.id}
                onClick={() => {
                  setTool(null);
                  void submit({ kind: 'move', orderId: order.id, tableId: other.id, tableName: other.name });
                }}
              >
                {other.name}
              </button>
            ))}
        </div>
      )}
      {tool === 'merge' && (
        <div class="choices" aria-label={t('waiter.tools.mergeInto')}>
          {[...shift.store.liveOrders()]
            .filter(
              (other) => other.id !== order.id && other.type === 'dine_in' && other.status !== 'pending',
            )
            .map((other) => (
              <button
                key={other.id}
                onClick={() => {
                  setTool(null);
                  void submit({ kind: 'merge', orderId: order.id, fromOrderIds: [other.id] });
                }}
              >
                {shift.store.table(other.tableId)?.name ?? t('waiter.tools.order')} #{other.number}
                {checks.some((check) => check.id === other.id) ? ` ${t('waiter.tools.thisTable')}` : ''}
              </button>
            ))}
        </div>
      )}
    </section>
  );
}

function DiscountForm({ onDiscount }: { onDiscount: (discount: Schemas['DiscountInput']) => void }) {
  const [kind, setKind] = useState<'percent' | 'amount'>('percent');
  const [value, setValue] = useState('10');
  const [reason, setReason] = useState('');
  const minor = kind === 'percent' ? Number(value) : parseMoney(value);
  const valid = minor !== null && Number.isInteger(minor) && minor > 0 && reason.trim().length > 0;
  return (
    <form
      class="discount-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) onDiscount({ kind, value: minor, reason: reason.trim() });
      }}
    >
      <select value={kind} onChange={(event) => setKind(event.currentTarget.value as 'percent' | 'amount')}>
        <option value="percent">{t('waiter.tools.percent')}</option>
        <option value="amount">{t('waiter.tools.amount')}</option>
      </select>
      <input
        aria-label={t('waiter.tools.discount')}
        inputMode="decimal"
        value={value}
        onInput={(e) => setValue(e.currentTarget.value)}
      />
      <input
        aria-label={t('waiter.tools.reason')}
        placeholder={t('waiter.tools.reason')}
        value={reason}
        onInput={(e) => setReason(e.currentTarget.value)}
      />
      <button class="primary" disabled={!valid}>
        {t('waiter.tools.askManager')}
      </button>
    </form>
  );
}

function GuestTools({ shift, order, submit }: Pick<OrderToolsProps, 'shift' | 'order' | 'submit'>) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Customer[]>([]);
  const [rewards, setRewards] = useState<Reward[] | null>(null);
  const { api } = shift.session;
  const search = () =>
    ok(api.GET('/api/v1/customers', { params: { query: { q: query.trim(), page: 1, perPage: 10 } } })).then(
      (page) => setFound(page.items),
      () => shift.notify(t('waiter.tools.searchOffline')),
    );
  const loadRewards = () =>
    ok(api.GET('/api/v1/loyalty')).then(
      (programme) => setRewards(programme.rewards),
      () => shift.notify(t('waiter.tools.rewardsOffline')),
    );

  if (order.customer) {
    return (
      <div class="guest-tools">
        <p>
          {order.customer.name ?? t('waiter.order.guest')}{' '}
          <button
            class="link"
            onClick={() => void submit({ kind: 'customer', orderId: order.id, customerId: null, name: '' })}
          >
            {t('waiter.tools.detach')}
          </button>
        </p>
        {rewards === null ? (
          <button onClick={() => void loadRewards()}>{t('waiter.tools.rewards')}</button>
        ) : (
          <div class="choices">
            {rewards.map((reward) => (
              <button
                key={reward.id}
                onClick={() =>
                  void submit({ kind: 'reward', orderId: order.id, rewardId: reward.id, name: reward.name })
                }
              >
                {reward.name} · {t('waiter.tools.points', { count: reward.points })}
              </button>
            ))}
          </div>
        )}
      </div>
    );
  }
  return (
    <form
      class="guest-tools"
      onSubmit={(event) => {
        event.preventDefault();
        void search();
      }}
    >
      <input
        aria-label={t('waiter.tools.nameOrPhone')}
        placeholder={t('waiter.tools.nameOrPhone')}
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      <button>{t('waiter.tools.find')}</button>
      <div class="choices">
        {found.map((customer) => (
          <button
            key={customer.id}
            onClick={(event) => {
              event.preventDefault();
              void submit({
                kind: 'customer',
                orderId: order.id,
                customerId: customer.id,
                name: customer.name ?? t('waiter.order.guest'),
              });
            }}
          >
            {customer.name ?? t('waiter.order.guest')} {customer.phone ? `· ${customer.phone}` : ''}
          </button>
        ))}
      </div>
    </form>
  );
}
