import { t } from '../../i18n/browser/page-i18n';
import { ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { RoomForm, roomOptions, TableForm } from './floor-forms';
import { firstPage, Rows, useList, wholeNumber } from './forms';
import { RowActions } from './row-actions';
import { useLiveReload } from './live-reload';
import { DownloadButton } from './downloads';
import { useAttempt } from './screen-parts';

type Room = Schemas['LocationView'];
type Table = Schemas['TableView'];
const s = (key: string, values?: Record<string, unknown>) => t(`backOffice.opsScreens.floor.${key}`, values);
const g = (key: string) => t(`backOffice.guide.floor.${key}`);

/**
 * The floor: rooms and their tables, and the sheet of the tables' QR codes to print. Managers read it and print
 * the sheet; only an admin changes the floor (as the API allows).
 */
export function FloorScreen({ session }: { session: StaffSession }) {
  const admin = session.user!.role === 'admin';
  const rooms = useList(() => ok(session.api.GET('/api/v1/locations', firstPage)));
  const tables = useList(() => ok(session.api.GET('/api/v1/tables', firstPage)));
  const { problem, attempt } = useAttempt();
  useLiveReload(session, ['table.changed'], tables.reload);
  const roomName = (id: string) => rooms.items?.find((room) => room.id === id)?.name ?? '';
  return (
    <div class="ops-screen">
      <h1>{s('heading')}</h1>
      <p>
        <DownloadButton
          label={s('qrSheet')}
          fileName="table-qr-codes.pdf"
          read={() =>
            session.api.GET('/api/v1/tables/qr-sheet', {
              params: { query: { format: 'pdf' } },
              parseAs: 'blob',
            })
          }
        />
      </p>
      <p class="problem" role="alert">
        {problem}
      </p>
      <div class="columns">
        <section class="card" aria-labelledby="rooms-title">
          <h2 id="rooms-title">{g('rooms')}</h2>
          <Rows
            label={g('rooms')}
            problem={rooms.problem}
            rows={rooms.items?.map((room) => room.name) ?? null}
            action={
              admin
                ? (index) => (
                    <RoomActions
                      session={session}
                      room={rooms.items![index]}
                      onChanged={rooms.reload}
                      attempt={attempt}
                    />
                  )
                : undefined
            }
          />
          {admin && <RoomForm session={session} onSaved={rooms.reload} />}
        </section>
        <section class="card" aria-labelledby="tables-title">
          <h2 id="tables-title">{g('tables')}</h2>
          <Rows
            label={g('tables')}
            problem={tables.problem}
            rows={
              tables.items?.map((table) =>
                t('backOffice.guide.floor.tableRow', {
                  name: table.name,
                  room: roomName(table.locationId),
                  seats: table.seats,
                }),
              ) ?? null
            }
            action={
              admin
                ? (index) => (
                    <TableActions
                      session={session}
                      table={tables.items![index]}
                      rooms={rooms.items}
                      onChanged={tables.reload}
                      attempt={attempt}
                    />
                  )
                : undefined
            }
          />
          {admin && <TableForm session={session} rooms={rooms.items} onSaved={tables.reload} />}
        </section>
      </div>
    </div>
  );
}

interface ActionProps {
  session: StaffSession;
  onChanged: () => void;
  attempt: (change: Promise<unknown>, then: () => void) => void;
}

function RoomActions({ session, room, onChanged, attempt }: ActionProps & { room: Room }) {
  const path = { params: { path: { id: room.id } } };
  return (
    <RowActions
      id={`room-${room.id}`}
      fields={[{ name: 'name', label: g('roomName'), initial: room.name }]}
      saveLabel={s('save')}
      submit={(values) =>
        ok(session.api.PATCH('/api/v1/locations/{id}', { ...path, body: { name: values.name } }))
      }
      onSaved={onChanged}
      edit={{ label: s('rename'), name: s('renameRoom', { name: room.name }) }}
      remove={{
        label: s('delete'),
        name: s('deleteRoom', { name: room.name }),
        run: () => attempt(ok(session.api.DELETE('/api/v1/locations/{id}', path)), onChanged),
      }}
    />
  );
}

function TableActions({
  session,
  table,
  rooms,
  onChanged,
  attempt,
}: ActionProps & { table: Table; rooms: Room[] | null }) {
  const path = { params: { path: { id: table.id } } };
  return (
    <RowActions
      id={`table-${table.id}`}
      fields={[
        { name: 'name', label: g('tableName'), initial: table.name },
        { name: 'seats', label: g('seats'), type: 'number', initial: String(table.seats) },
        {
          name: 'locationId',
          label: g('room'),
          type: 'select',
          initial: table.locationId,
          options: roomOptions(rooms),
        },
      ]}
      saveLabel={s('save')}
      submit={(values) =>
        ok(
          session.api.PATCH('/api/v1/tables/{id}', {
            ...path,
            body: { name: values.name, seats: wholeNumber(values.seats), locationId: values.locationId },
          }),
        )
      }
      onSaved={onChanged}
      edit={{ label: s('edit'), name: s('editTable', { name: table.name }) }}
      remove={{
        label: s('retire'),
        name: s('retireTable', { name: table.name }),
        run: () => attempt(ok(session.api.DELETE('/api/v1/tables/{id}', path)), onChanged),
      }}
    />
  );
}
