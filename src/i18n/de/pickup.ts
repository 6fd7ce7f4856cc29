import type { pickup as english } from '../en/pickup';

export const pickup: typeof english = {
  invalidLink: 'Der Link dieser Anzeige ist ungültig. Bitte die Leitung um einen neuen bitten.',
  orders: 'Bestellungen',
  reconnecting: 'Verbindung wird wiederhergestellt…',
  preparing: 'In Zubereitung',
  ready: 'Abholbereit',
  more_one: '+ {{count}} weitere',
  more_other: '+ {{count}} weitere',
};
