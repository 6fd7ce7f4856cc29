import { ApiProperty } from '@nestjs/swagger';
import { StationView } from '../../menu/dto/menu.views';
import { type KitchenDevice, TEXT_SIZES, type TextSize } from '../kitchen-device.entity';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export class KitchenDeviceView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Grill screen' }) name!: string;
  @ApiProperty({ type: [String], description: 'The stations it shows; [] on the expo' })
  stationIds!: string[];
  @ApiProperty({ description: 'true: the expo, which shows every station' }) expo!: boolean;
  @ApiProperty({ enum: TEXT_SIZES, description: 'How large the screen draws its tickets' })
  textSize!: TextSize;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'When a screen was paired with it; null while none is (a new code unpairs the old screen)',
  })
  pairedAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'When its screen last read its set-up (kept to the minute); null: never',
  })
  lastSeenAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static of(this: void, device: KitchenDevice): KitchenDeviceView {
    return {
      id: device.id,
      name: device.name,
      stationIds: [...device.stationIds],
      expo: device.expo,
      textSize: device.textSize,
      pairedAt: iso(device.pairedAt),
      lastSeenAt: iso(device.lastSeenAt),
      createdAt: device.createdAt.toISOString(),
    };
  }
}

export class IssuedPairingCodeView {
  @ApiProperty({ type: KitchenDeviceView }) device!: KitchenDeviceView;
  @ApiProperty({
    example: 'K7MXP4QA',
    description:
      'Shown this once: 8 characters (no 0, O, 1 or I) the screen at /kitchen asks for; valid 15 minutes, once',
  })
  pairingCode!: string;
}

export class PairedDeviceView {
  @ApiProperty({ type: KitchenDeviceView }) device!: KitchenDeviceView;
  @ApiProperty({
    example: 'kd_Vb2cQm9x0eR1yT3uI5oP7aS9dF1gH3jK5lZ7xC9vB1n',
    description: 'Shown this once: the screen keeps it and sends it as X-Kitchen-Device',
  })
  deviceToken!: string;
}

export class KitchenDeviceSetupView extends KitchenDeviceView {
  @ApiProperty({
    type: [StationView],
    description: 'Its stations with their timer thresholds, by name: every station on the expo',
  })
  stations!: StationView[];
}
