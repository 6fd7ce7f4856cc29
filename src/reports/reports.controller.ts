import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles, Scopes } from '../common/access/access.decorators';
import { Role } from '../common/access/role';
import { Scope } from '../common/access/scope';
import { ReportFormat, ReportQuery, SalesReportQuery, ShiftReportQuery } from './dto/report.inputs';
import {
  DiscountsAndVoidsReportView,
  KitchenReportView,
  PaymentMethodsReportView,
  SalesReportView,
  ShiftReportView,
  StaffReportView,
} from './dto/report.views';
import { DishesReportView } from './dto/dish-report.views';
import {
  dayReportCsv,
  dishesCsv,
  discountsAndVoidsCsv,
  kitchenCsv,
  paymentMethodsCsv,
  salesCsv,
  staffCsv,
  taxesCsv,
} from './report-csv';
import { GiftCardReportView } from './dto/gift-card-report.view';
import { GiftCardReport, giftCardReportCsv } from './gift-card-report';
import { TaxReportView } from './dto/tax-report.views';
import { ReportsService } from './reports.service';

const CSV = 'With ?format=csv, the same rows as text/csv (RFC 4180).';

/** The back office's reports: JSON, or CSV of the same rows with `?format=csv`. */
@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly giftCards: GiftCardReport,
  ) {}

  @Get('sales')
  @Roles(Role.Manager, Role.Admin)
  @Scopes(Scope.ReportsRead)
  @ApiOperation({ summary: `Sales per business day, local hour or channel, with totals. ${CSV}` })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: SalesReportView })
  async sales(
    @Query() query: SalesReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SalesReportView | string> {
    const view = await this.reports.sales(query);
    return reply(response, query.format, `sales-${view.period.from}-${view.period.to}`, view, salesCsv);
  }

  @Get('dishes')
  @Roles(Role.Manager, Role.Admin)
  @Scopes(Scope.ReportsRead)
  @ApiOperation({ summary: `Quantity and revenue per dish and variation, and per modifier option. ${CSV}` })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: DishesReportView })
  async dishes(
    @Query() query: ReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DishesReportView | string> {
    const view = await this.reports.dishes(query);
    return reply(response, query.format, `dishes-${view.period.from}-${view.period.to}`, view, dishesCsv);
  }

  @Get('staff')
  @Roles(Role.Manager, Role.Admin)
  @Scopes(Scope.ReportsRead)
  @ApiOperation({ summary: `Orders, revenue, average ticket and tips per waiter. ${CSV}` })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: StaffReportView })
  async staff(
    @Query() query: ReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StaffReportView | string> {
    const view = await this.reports.staff(query);
    return reply(response, query.format, `staff-${view.period.from}-${view.period.to}`, view, staffCsv);
  }

  @Get('payment-methods')
  @Roles(Role.Manager, Role.Admin)
  @Scopes(Scope.ReportsRead)
  @ApiOperation({ summary: `Payments, refunds, change, tips and net per payment method. ${CSV}` })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: PaymentMethodsReportView })
  async paymentMethods(
    @Query() query: ReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PaymentMethodsReportView | string> {
    const view = await this.reports.paymentMethods(query);
    const name = `payment-methods-${view.period.from}-${view.period.to}`;
    return reply(response, query.format, name, view, paymentMethodsCsv);
  }

  @Get('taxes')
  @Roles(Role.Manager, Role.Admin)
  @Scopes(Scope.ReportsRead)
  @ApiOperation({
    summary: `Net, tax and gross per business day and tax rate, from the tax ledger: closed orders less refunds. ${CSV}`,
    description: "The totals' gross equals /reports/sales' netSales for the same days.",
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: TaxReportView })
  async taxes(
    @Query() query: ReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TaxReportView | string> {
    const view = await this.reports.taxes(query);
    return reply(response, query.format, `taxes-${view.period.from}-${view.period.to}`, view, taxesCsv);
  }

  @Get('kitchen')
  @Roles(Role.Manager, Role.Admin)
  @Scopes(Scope.ReportsRead)
  @ApiOperation({ summary: `Preparation times (average, p50, p90) per station and per dish. ${CSV}` })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: KitchenReportView })
  async kitchen(
    @Query() query: ReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<KitchenReportView | string> {
    const view = await this.reports.kitchen(query);
    return reply(response, query.format, `kitchen-${view.period.from}-${view.period.to}`, view, kitchenCsv);
  }

  @Get('discounts-and-voids')
  @Roles(Role.Manager, Role.Admin)
  @Scopes(Scope.ReportsRead)
  @ApiOperation({ summary: `Discounts and voids with reasons and who made them, per staff member. ${CSV}` })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: DiscountsAndVoidsReportView })
  async discountsAndVoids(
    @Query() query: ReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DiscountsAndVoidsReportView | string> {
    const view = await this.reports.discountsAndVoids(query);
    const name = `discounts-and-voids-${view.period.from}-${view.period.to}`;
    return reply(response, query.format, name, view, discountsAndVoidsCsv);
  }

  @Get('gift-cards')
  @Roles(Role.Manager, Role.Admin)
  @Scopes(Scope.ReportsRead)
  @ApiOperation({
    summary: `The gift-card liability: sold (and the money taken, per method), redeemed, refunded, voided and outstanding, reconciled with the ledger. ${CSV} (one figure a row)`,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: GiftCardReportView })
  async giftCardReport(
    @Query() query: ReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<GiftCardReportView | string> {
    const view = await this.giftCards.build(query);
    const name = `gift-cards-${view.period.from}-${view.period.to}`;
    return reply(response, query.format, name, view, giftCardReportCsv);
  }

  @Get('shift')
  @Roles(Role.Manager, Role.Admin)
  @Scopes(Scope.ReportsRead)
  @ApiOperation({
    summary: `The X report of the open business day: sales, payments by method, cash, discounts, voids, refunds, open orders. ${CSV} (one figure a row)`,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ShiftReportView })
  async shift(
    @Query() query: ShiftReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ShiftReportView | string> {
    const view = await this.reports.shift();
    return reply(response, query.format, `x-report-${view.businessDay}`, view, dayReportCsv);
  }
}

/** The view as JSON, or as a CSV attachment named `<name>.csv`. */
function reply<View>(
  response: Response,
  format: ReportFormat | undefined,
  name: string,
  view: View,
  toCsv: (view: View) => string,
): View | string {
  if (format !== 'csv') return view;
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
  return toCsv(view);
}
