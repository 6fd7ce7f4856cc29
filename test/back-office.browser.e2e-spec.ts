/**
 * The back office's whole walk in English, the restaurant's language: from an empty database through the setup
 * guide, the menu, floor, staff and devices screens, an order taken on /waiter and bumped on /kitchen, to the day
 * closed and its Z report downloaded. No API call but the pages' own (test/support/back-office-walk.ts).
 */
import { walkTheBackOffice } from './support/back-office-walk';

walkTheBackOffice('en');
