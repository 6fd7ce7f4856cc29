import { render } from 'preact';
import { KitchenApp } from './kitchen-app';
import './kitchen.css';

render(<KitchenApp />, document.getElementById('app')!);
