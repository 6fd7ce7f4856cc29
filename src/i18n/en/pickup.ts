/** The pickup board on the counter's TV. */
export const pickup = {
  invalidLink: 'This board’s link is not valid. Ask a manager for a new one.',
  orders: 'Orders',
  reconnecting: 'Reconnecting…',
  preparing: 'Preparing',
  ready: 'Ready',
  more_one: '+ {{count}} more',
  more_other: '+ {{count}} more',
};
