import { render } from 'preact';
import { startPageI18n } from '../../i18n/browser/page-i18n';
import { pickupCatalogue } from '../../i18n/pages/pickup';
import { PickupApp } from './pickup-app';
import './pickup.css';

// A public page: the browser's language (chosen by the server), never a device's switch.
startPageI18n([pickupCatalogue], null);
render(<PickupApp />, document.getElementById('app')!);
