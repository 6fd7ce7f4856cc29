/**
 * The back office's whole walk in German, chosen by the admin on the sign-in page (the kitchen screen by the
 * cook's choice, the pickup board by its browser's language): every screen it reaches shows only texts the German
 * catalogues wrote. The same walk as the English one (test/support/back-office-walk.ts).
 */
import { walkTheBackOffice } from './support/back-office-walk';

walkTheBackOffice('de');
