import type { KitchenLine, Ticket, TimerColour } from './ticket-board';

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

const TYPE_LABEL: Record<Ticket['type'], string> = {
  dine_in: 'Dine in',
  takeaway: 'Takeaway',
  delivery: 'Delivery',
};

/** One order on the screen: its lines by course, marks for what changed after firing, its age in colour. */
export function TicketCard(props: TicketCardProps) {
  const { ticket, ageMs, colour } = props;
  const courses = [...new Set(ticket.lines.map((line) => line.course))].sort((a, b) => a - b);
  const anyNew = ticket.lines.some((line) => props.shownStatus(line) === 'new');
  return (
    <article
      class={`ticket ${colour}${ticket.rush ? ' rush' : ''}${props.selected ? ' selected' : ''}`}
      aria-label={`Ticket ${ticket.number}`}
      aria-current={props.selected ? 'true' : undefined}
      data-order-id={ticket.orderId}
      data-timer={colour}
    >
      <header>
        <strong class="title">{props.title}</strong>
        <span class="age" aria-label="Age">
          {formatAge(ageMs)}
        </span>
        <div class="meta">
          <span>#{ticket.number}</span>
          <span>{TYPE_LABEL[ticket.type]}</span>
          {ticket.channel && ticket.channel !== OWN_CHANNEL && <span>{ticket.channel}</span>}
          {ticket.guests !== null && <span>{ticket.guests} guests</span>}
          {ticket.rush && <span class="badge rush">RUSH</span>}
        </div>
      </header>
      {props.stations && props.stations.length > 0 && (
        <ul class="stations" aria-label="Stations">
          {props.stations.map((station) => (
            <li key={station.name} class={station.done ? 'done' : 'cooking'}>
              {station.done ? `✓ ${station.name}` : station.name}
            </li>
          ))}
        </ul>
      )}
      {ticket.guestAllergens.length > 0 && (
        <p class="allergy" role="alert">
          ALLERGY: {ticket.guestAllergens.join(', ')}
        </p>
      )}
      {ticket.notes && <p class="notes">{ticket.notes}</p>}
      {courses.map((course) => {
        const fired = ticket.firedCourses.includes(course);
        return (
          <section key={course} class={`course${fired ? ' fired' : ''}`} data-course={course}>
            {(courses.length > 1 || fired) && (
              <h3>
                Course {course}
                {fired && <span class="badge fired">FIRED</span>}
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
          <h3>Course {course} held</h3>
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
          <button class="start" onClick={props.onStart} aria-label={`Start #${ticket.number}`}>
            Start
          </button>
        )}
        <button class="bump" onClick={props.onBump} aria-label={`Bump #${ticket.number}`}>
          Bump
        </button>
      </footer>
    </article>
  );
}

const STATUS_WORD: Record<KitchenLine['status'], string> = {
  held: 'held',
  new: 'new',
  in_progress: 'cooking',
  ready: 'ready',
  served: 'served',
  cancelled: 'void',
};

function LineRow({ line, shownStatus, waiting, onLine }: TicketCardProps & { line: KitchenLine }) {
  const status = shownStatus(line);
  const marks = [line.added && 'ADDED', line.changed && 'CHANGED', line.voided && 'VOID'].filter(
    (mark): mark is string => typeof mark === 'string',
  );
  return (
    <li
      class={`line ${status}${line.voided ? ' voided' : ''}${line.allergenHits.length > 0 ? ' allergen' : ''}`}
      data-line-id={line.id}
      data-status={status}
      data-waiting={waiting(line) ? 'true' : undefined}
    >
      <button disabled={line.voided} onClick={() => onLine(line)} aria-label={lineLabel(line, marks, status)}>
        <span class="qty">{line.quantity}×</span>
        <span class="name">{lineName(line)}</span>
        {line.seat !== null && <span class="seat">S{line.seat}</span>}
        {marks.map((mark) => (
          <span key={mark} class={`mark ${mark.toLowerCase()}`}>
            {mark}
          </span>
        ))}
        {status === 'ready' && !line.voided && <span class="mark ready">✓ READY</span>}
      </button>
      {line.modifiers.length > 0 && <p class="modifiers">{line.modifiers.join(', ')}</p>}
      {line.comment && <p class="comment">“{line.comment}”</p>}
      {line.allergenHits.length > 0 && <p class="allergen-hit">Contains {line.allergenHits.join(', ')}</p>}
      {line.voided && line.voidReason && <p class="void-reason">Void: {line.voidReason}</p>}
    </li>
  );
}

/** What a screen reader says for a line: what the cook sees on it, its modifiers, seat, marks and status. */
function lineLabel(line: KitchenLine, marks: readonly string[], status: KitchenLine['status']): string {
  const parts = [`${line.quantity}× ${lineName(line)}`];
  if (line.seat !== null) parts.push(`S${line.seat} (seat ${line.seat})`);
  if (line.modifiers.length > 0) parts.push(line.modifiers.join(', '));
  parts.push(...marks);
  return `${parts.join(', ')}: ${line.voided ? 'void' : STATUS_WORD[status]}`;
}

function lineName(line: KitchenLine): string {
  const variation = line.variationName ? ` (${line.variationName})` : '';
  return line.comboName ? `${line.name}${variation} · ${line.comboName}` : `${line.name}${variation}`;
}

function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
