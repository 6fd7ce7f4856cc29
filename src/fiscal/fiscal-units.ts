import type { Clock } from '../common/time/clock';
import type { FiscalSignerConfig } from '../config/app-config';
import type { FiscalUnit } from './fiscal-unit';
import { FiskalyUnit } from './fiskaly-unit';
import { RksvDevice, SimulatedRksvDevice } from './rksv-device';
import { SimulatedTse } from './simulated-tse';

/**
 * The signer FISCAL_SIGNER names: a German signing unit (`unit`), an Austrian signature device (`rksv`), or
 * neither (`none` and `hmac` sign the receipt chain instead).
 */
export class ConfiguredUnit {
  constructor(
    readonly unit: FiscalUnit | null,
    readonly rksv: RksvDevice | null = null,
  ) {}
}

export function configuredUnitFor(config: FiscalSignerConfig, clock: Clock): ConfiguredUnit {
  switch (config.kind) {
    case 'none':
    case 'hmac':
      return new ConfiguredUnit(null);
    case 'simulated-tse':
      return new ConfiguredUnit(new SimulatedTse(config.folder, () => clock.now()));
    case 'fiskaly':
      return new ConfiguredUnit(new FiskalyUnit(config));
    case 'simulated-rksv':
      return new ConfiguredUnit(null, new SimulatedRksvDevice(config.folder));
  }
}
