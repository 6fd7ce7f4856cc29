import { t } from '../../i18n/browser/page-i18n';
import { ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { CreateForm, wholeNumber } from './forms';

/** The forms that add a room and a table: the setup guide's floor step and the floor screen both use them. */

type Room = Schemas['LocationView'];
const g = (key: string) => t(`backOffice.guide.floor.${key}`);

export const roomOptions = (rooms: Room[] | null) =>
  rooms?.map((room) => ({ value: room.id, label: room.name })) ?? [];

export function RoomForm({ session, onSaved }: { session: StaffSession; onSaved: () => void }) {
  return (
    <CreateForm
      id="room"
      submitLabel={g('addRoom')}
      fields={[{ name: 'name', label: g('roomName') }]}
      submit={(values) => ok(session.api.POST('/api/v1/locations', { body: { name: values.name } }))}
      onSaved={onSaved}
    />
  );
}

export function TableForm({
  session,
  rooms,
  onSaved,
}: {
  session: StaffSession;
  rooms: Room[] | null;
  onSaved: () => void;
}) {
  return (
    <CreateForm
      id="table"
      submitLabel={g('addTable')}
      fields={[
        { name: 'name', label: g('tableName') },
        { name: 'seats', label: g('seats'), type: 'number', initial: '4' },
        { name: 'locationId', label: g('room'), type: 'select', options: roomOptions(rooms) },
      ]}
      submit={(values) =>
        ok(
          session.api.POST('/api/v1/tables', {
            body: { name: values.name, seats: wholeNumber(values.seats), locationId: values.locationId },
          }),
        )
      }
      onSaved={onSaved}
    />
  );
}
