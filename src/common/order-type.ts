/**
 * How an order is served. It lives here, below orders, because tax mappings (fiscal positions) are chosen by it
 * and the taxes module sits below orders.
 */
export enum OrderType {
  DineIn = 'dine_in',
  Takeaway = 'takeaway',
  Delivery = 'delivery',
}
