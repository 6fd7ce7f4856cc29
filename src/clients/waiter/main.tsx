import { render } from 'preact';
import { WaiterApp } from './waiter-app';
import './waiter.css';

// The app shell and the last floor and menu load without the network once the worker is installed.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/waiter-sw.js', { scope: '/waiter' }).catch(() => undefined);
}

render(<WaiterApp />, document.getElementById('app')!);
