import { t } from '../../i18n/browser/page-i18n';
import { printedName } from '../../menu/line-names';
import type { KitchenLine, Ticket, TimerColour } from './ticket-board';
import { allergenNames } from '../shared/allergen-names';

/** The channel of the restaurant's own orders: not worth a word on a ticket. */
const OWN_CHANNEL = 'own';

interface TicketCardProps {
  ticket: Ticket;
  /** What the ticket is called on the pass: its table, or its pickup name and number. */
  title: string;
  ageMs: number;
  colour: TimerColour;
  /** Chosen with the bump bar's arrows: Start, Bump and Recall keys act on it. */
  selected: boolean;
  /** On the expo: each station's name on the ticket and whether it has bumped its lines. */
  stations: Array<{ name: string; done: boolean }> | null;
  /** A line's status as shown: the one last tapped while it waits to be sent, else the service's. */
  shownStatus: (line: KitchenLine) => KitchenLine['status'];
  waiting: (line: KitchenLine) => boolean;
  onLine: (line: KitchenLine) => void;
  onStart: () => void;
  onBump: () => void;
}

/** One order on the screen: its lines by course, marks for what changed after firing, its age in colour. */
export function TicketCard(props: TicketCardProps) {
  const { ticket, ageMs, colour } = props;
  const courses = [...new Set(ticket.lines.map((line) => line.course))].sort((a, b) => a - b);
  const anyNew = ticket.lines.some((line) => props.shownStatus(line) === 'new');
  return (
    <article
      class={`ticket ${colour}${ticket.rush ? ' rush' : ''}${props.selected ? ' selected' : ''}`}
      aria-label={t('kitchen.ticket.label', { number: ticket.number })}
      aria-current={props.selected ? 'true' : undefined}
      data-order-id={ticket.orderId}
      data-number={ticket.number}
      data-title={props.title}
      data-timer={colour}
    >
      <header>
        <strong class="title">{props.title}</strong>
        <span class="age" aria-label={t('kitchen.ticket.age')}>
          {formatAge(ageMs)}
        </span>
        <div class="meta">
          <span>#{ticket.number}</span>
          <span>{t(`kitchen.ticket.${ticket.type}`)}</span>
          {ticket.channel && ticket.channel !== OWN_CHANNEL && <span>{ticket.channel}</span>}
          {ticket.guests !== null && <span>{t('kitchen.ticket.guests', { count: ticket.guests })}</span>}
          {ticket.rush && <span class="badge rush">{t('kitchen.ticket.rush')}</span>}
        </div>
      </header>
      {props.stations && props.stations.length > 0 && (
        <ul class="stations" aria-label={t('kitchen.ticket.stations')}>
          {props.stations.map((station) => (
            <li key={station.name} class={station.done ? 'done' : 'cooking'}>
              {station.done ? `✓ ${station.name}` : station.name}
            </li>
          ))}
        </ul>
      )}
      {ticket.guestAllergens.length > 0 && (
        <p class="allergy" role="alert">
          {t('kitchen.ticket.allergy', { allergens: allergenNames(ticket.guestAllergens) })}
        </p>
      )}
      {ticket.notes && <p class="notes">{ticket.notes}</p>}
      {courses.map((course) => {
        const fired = ticket.firedCourses.includes(course);
        return (
          <section key={course} class={`course${fired ? ' fired' : ''}`} data-course={course}>
            {(courses.length > 1 || fired) && (
              <h3>
                {t('kitchen.ticket.course', { course })}
                {fired && <span class="badge fired">{t('kitchen.ticket.fired')}</span>}
              </h3>
            )}
            <ul>
              {ticket.lines
                .filter((line) => line.course === course)
                .map((line) => (
                  <LineRow key={line.id} line={line} {...props} />
                ))}
            </ul>
          </section>
        );
      })}
      {ticket.held.map(({ course, lines }) => (
        <section key={`held-${course}`} class="course held" data-held-course={course}>
          <h3>{t('kitchen.ticket.courseHeld', { course })}</h3>
          <ul>
            {lines.map((line) => (
              <li key={line.id} class="line held">
                <span class="qty">{line.quantity}×</span> {lineName(line)}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <footer>
        {anyNew && (
          <button
            class="start"
            onClick={props.onStart}
            aria-label={t('kitchen.ticket.startLabel', { number: ticket.number })}
          >
            {t('kitchen.ticket.start')}
          </button>
        )}
        <button
          class="bump"
          onClick={props.onBump}
          aria-label={t('kitchen.ticket.bumpLabel', { number: ticket.number })}
        >
          {t('kitchen.ticket.bump')}
        </button>
      </footer>
    </article>
  );
}

function LineRow({ line, shownStatus, waiting, onLine }: TicketCardProps & { line: KitchenLine }) {
  const status = shownStatus(line);
  const marks = (
    [
      ['added', line.added],
      ['changed', line.changed],
      ['void', line.voided],
    ] as const
  ).flatMap(([kind, shown]) =>
    shown ? [{ kind, text: t(`kitchen.ticket.${kind === 'void' ? 'voidMark' : kind}`) }] : [],
  );
  return (
    <li
      class={`line ${status}${line.voided ? ' voided' : ''}${line.allergenHits.length > 0 ? ' allergen' : ''}`}
      data-line-id={line.id}
      data-status={status}
      data-waiting={waiting(line) ? 'true' : undefined}
    >
      <button
        disabled={line.voided}
        onClick={() => onLine(line)}
        aria-label={lineLabel(
          line,
          marks.map((mark) => mark.text),
          status,
        )}
      >
        <span class="qty">{line.quantity}×</span>
        <span class="name">{lineName(line)}</span>
        {line.seat !== null && <span class="seat">{t('kitchen.ticket.seat', { seat: line.seat })}</span>}
        {marks.map((mark) => (
          <span key={mark.kind} class={`mark ${mark.kind}`}>
            {mark.text}
          </span>
        ))}
        {status === 'ready' && !line.voided && <span class="mark ready">{t('kitchen.ticket.ready')}</span>}
      </button>
      {line.modifiers.length > 0 && <p class="modifiers">{line.modifiers.join(', ')}</p>}
      {line.comment && <p class="comment">“{line.comment}”</p>}
      {line.allergenHits.length > 0 && (
        <p class="allergen-hit">
          {t('kitchen.ticket.contains', { allergens: allergenNames(line.allergenHits) })}
        </p>
      )}
      {line.voided && line.voidReason && (
        <p class="void-reason">{t('kitchen.ticket.voidReason', { reason: line.voidReason })}</p>
      )}
    </li>
  );
}

/** What a screen reader says for a line: what the cook sees on it, its modifiers, seat, marks and status. */
function lineLabel(line: KitchenLine, marks: readonly string[], status: KitchenLine['status']): string {
  const parts = [`${line.quantity}× ${lineName(line)}`];
  if (line.seat !== null) parts.push(t('kitchen.ticket.seatSpoken', { seat: line.seat }));
  if (line.modifiers.length > 0) parts.push(line.modifiers.join(', '));
  parts.push(...marks);
  return `${parts.join(', ')}: ${t(`kitchen.ticket.status.${line.voided ? 'cancelled' : status}`)}`;
}

function lineName(line: KitchenLine): string {
  const name = printedName(line.name, line.variationName);
  return line.comboName ? `${name} · ${line.comboName}` : name;
}

function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
