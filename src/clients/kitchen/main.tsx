import { render } from 'preact';
import { KitchenApp } from './kitchen-app';
import './kitchen.css';

// A screen reloaded during a drop starts with the app and its last tickets once the worker is installed.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/kitchen-sw.js', { scope: '/kitchen' }).catch(() => undefined);
}

render(<KitchenApp />, document.getElementById('app')!);
