import { render } from 'preact';
import { startPageI18n } from '../../i18n/browser/page-i18n';
import { kitchenCatalogue } from '../../i18n/pages/kitchen';
import { screensCatalogue } from '../../i18n/pages/screens';
import { KitchenApp } from './kitchen-app';
import './kitchen.css';

// A screen reloaded during a drop starts with the app and its last tickets once the worker is installed.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/kitchen-sw.js', { scope: '/kitchen' }).catch(() => undefined);
}

startPageI18n([screensCatalogue, kitchenCatalogue], 'clientPages.kitchen');
render(<KitchenApp />, document.getElementById('app')!);
