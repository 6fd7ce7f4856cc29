import { render } from 'preact';
import { PickupApp } from './pickup-app';
import './pickup.css';

render(<PickupApp />, document.getElementById('app')!);
