import { ApiProperty } from '@nestjs/swagger';
import { OrderType } from '../../common/order-type';
import { TaxMapping, TaxRate, percentOf } from '../tax.entities';
import { HqKeyProperty } from '../../common/errors/managed-by-hq';

export class TaxRateView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'VAT 19 %' })
  name!: string;

  @ApiProperty({ example: 19, format: 'double', description: 'Percent, at most 4 decimals' })
  percent!: number;

  @ApiProperty({ description: 'Applies to categories that name no rate of their own' })
  isDefault!: boolean;

  @ApiProperty()
  active!: boolean;

  @HqKeyProperty(
    'On a site linked to headquarters, the tax mapping of its catalog it comes from: its name, percent and ' +
      "deletion are headquarters' (409 MANAGED_BY_HQ here); null: the site's own",
  )
  hqKey!: string | null;

  static of(this: void, rate: TaxRate): TaxRateView {
    return {
      id: rate.id,
      name: rate.name,
      percent: percentOf(rate),
      isDefault: rate.isDefault,
      active: rate.active,
      hqKey: rate.hqKey,
    };
  }
}

export class TaxMappingView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Takeaway food' })
  name!: string;

  @ApiProperty({ type: [String], enum: Object.values(OrderType), example: ['takeaway', 'delivery'] })
  orderTypes!: string[];

  @ApiProperty({ format: 'uuid' })
  fromTaxRateId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: exempt' })
  toTaxRateId!: string | null;

  static of(this: void, mapping: TaxMapping): TaxMappingView {
    return {
      id: mapping.id,
      name: mapping.name,
      orderTypes: mapping.orderTypes,
      fromTaxRateId: mapping.fromTaxRateId,
      toTaxRateId: mapping.toTaxRateId,
    };
  }
}
