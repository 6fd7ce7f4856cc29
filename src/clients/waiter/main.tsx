import { render } from 'preact';
import { startPageI18n } from '../../i18n/browser/page-i18n';
import { screensCatalogue } from '../../i18n/pages/screens';
import { waiterCatalogue } from '../../i18n/pages/waiter';
import { WaiterApp } from './waiter-app';
import './waiter.css';

// The app shell and the last floor and menu load without the network once the worker is installed.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/waiter-sw.js', { scope: '/waiter' }).catch(() => undefined);
}

startPageI18n([screensCatalogue, waiterCatalogue], 'clientPages.waiter');
render(<WaiterApp />, document.getElementById('app')!);
