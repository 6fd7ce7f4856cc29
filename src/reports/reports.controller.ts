import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
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
  dayReportTable,
  dishesTable,
  discountsAndVoidsTable,
  kitchenTable,
  paymentMethodsTable,
  salesTable,
  staffTable,
  taxesTable,
} from './report-csv';
import { GiftCardReportView } from './dto/gift-card-report.view';
import { GiftCardReport, giftCardReportTable } from './gift-card-report';
import { TaxReportView } from './dto/tax-report.views';
import { ReportsService } from './reports.service';
import { ReportPeriodView } from './dto/report.views';
import { ReportTable, writeCsv } from './csv';
import { drawReportPdf } from './report-pdf';
import { RestaurantProfile } from '../restaurant/restaurant-profile';

const CSV =
  'With ?format=csv, the same rows as text/csv (RFC 4180); with ?format=pdf, the same rows as an A4 table to print.';

/** The back office's reports: JSON, or the same rows as CSV (`?format=csv`) or as a PDF (`?format=pdf`). */
@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly giftCards: GiftCardReport,
    private readonly restaurant: RestaurantProfile,
  ) {}

  @Get('sales')
  @Roles(Role.Manager, Role.Admin)
  @Scopes(Scope.ReportsRead)
  @ApiOperation({ summary: `Sales per business day, local hour or channel, with totals. ${CSV}` })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ type: SalesReportView })
  async sales(
    @Query() query: SalesReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SalesReportView | string | StreamableFile> {
    const view = await this.reports.sales(query);
    return this.reply(
      response,
      query.format,
      {
        file: `sales-${view.period.from}-${view.period.to}`,
        title: `Sales by ${query.groupBy ?? 'day'}`,
        period: view.period,
      },
      view,
      salesTable,
    );
  }

  @Get('dishes')
  @Roles(Role.Manager, Role.Admin)
  @Scopes(Scope.ReportsRead)
  @ApiOperation({ summary: `Quantity and revenue per dish and variation, and per modifier option. ${CSV}` })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ type: DishesReportView })
  async dishes(
    @Query() query: ReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DishesReportView | string | StreamableFile> {
    const view = await this.reports.dishes(query);
    return this.reply(
      response,
      query.format,
      {
        file: `dishes-${view.period.from}-${view.period.to}`,
        title: 'Dishes and modifiers',
        period: view.period,
      },
      view,
      dishesTable,
    );
  }

  @Get('staff')
  @Roles(Role.Manager, Role.Admin)
  @Scopes(Scope.ReportsRead)
  @ApiOperation({ summary: `Orders, revenue, average ticket and tips per waiter. ${CSV}` })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ type: StaffReportView })
  async staff(
    @Query() query: ReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StaffReportView | string | StreamableFile> {
    const view = await this.reports.staff(query);
    return this.reply(
      response,
      query.format,
      { file: `staff-${view.period.from}-${view.period.to}`, title: 'Staff', period: view.period },
      view,
      staffTable,
    );
  }

  @Get('payment-methods')
  @Roles(Role.Manager, Role.Admin)
  @Scopes(Scope.ReportsRead)
  @ApiOperation({ summary: `Payments, refunds, change, tips and net per payment method. ${CSV}` })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ type: PaymentMethodsReportView })
  async paymentMethods(
    @Query() query: ReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PaymentMethodsReportView | string | StreamableFile> {
    const view = await this.reports.paymentMethods(query);
    return this.reply(
      response,
      query.format,
      {
        file: `payment-methods-${view.period.from}-${view.period.to}`,
        title: 'Payment methods',
        period: view.period,
      },
      view,
      paymentMethodsTable,
    );
  }

  @Get('taxes')
  @Roles(Role.Manager, Role.Admin)
  @Scopes(Scope.ReportsRead)
  @ApiOperation({
    summary: `Net, tax and gross per business day and tax rate, from the tax ledger: closed orders less refunds. ${CSV}`,
    description:
      "The totals' net equals /reports/sales' salesExclTax and their gross its salesInclTax for the same days.",
  })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ type: TaxReportView })
  async taxes(
    @Query() query: ReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TaxReportView | string | StreamableFile> {
    const view = await this.reports.taxes(query);
    return this.reply(
      response,
      query.format,
      { file: `taxes-${view.period.from}-${view.period.to}`, title: 'Taxes', period: view.period },
      view,
      taxesTable,
    );
  }

  @Get('kitchen')
  @Roles(Role.Manager, Role.Admin)
  @Scopes(Scope.ReportsRead)
  @ApiOperation({ summary: `Preparation times (average, p50, p90) per station and per dish. ${CSV}` })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ type: KitchenReportView })
  async kitchen(
    @Query() query: ReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<KitchenReportView | string | StreamableFile> {
    const view = await this.reports.kitchen(query);
    return this.reply(
      response,
      query.format,
      {
        file: `kitchen-${view.period.from}-${view.period.to}`,
        title: 'Kitchen preparation times',
        period: view.period,
      },
      view,
      kitchenTable,
    );
  }

  @Get('discounts-and-voids')
  @Roles(Role.Manager, Role.Admin)
  @Scopes(Scope.ReportsRead)
  @ApiOperation({ summary: `Discounts and voids with reasons and who made them, per staff member. ${CSV}` })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ type: DiscountsAndVoidsReportView })
  async discountsAndVoids(
    @Query() query: ReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DiscountsAndVoidsReportView | string | StreamableFile> {
    const view = await this.reports.discountsAndVoids(query);
    return this.reply(
      response,
      query.format,
      {
        file: `discounts-and-voids-${view.period.from}-${view.period.to}`,
        title: 'Discounts and voids',
        period: view.period,
      },
      view,
      discountsAndVoidsTable,
    );
  }

  @Get('gift-cards')
  @Roles(Role.Manager, Role.Admin)
  @Scopes(Scope.ReportsRead)
  @ApiOperation({
    summary: `The gift-card liability: sold (and the money taken, per method), redeemed, refunded, voided and outstanding, reconciled with the ledger. ${CSV} (one figure a row)`,
  })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ type: GiftCardReportView })
  async giftCardReport(
    @Query() query: ReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<GiftCardReportView | string | StreamableFile> {
    const view = await this.giftCards.build(query);
    return this.reply(
      response,
      query.format,
      { file: `gift-cards-${view.period.from}-${view.period.to}`, title: 'Gift cards', period: view.period },
      view,
      giftCardReportTable,
    );
  }

  @Get('shift')
  @Roles(Role.Manager, Role.Admin)
  @Scopes(Scope.ReportsRead)
  @ApiOperation({
    summary: `The X report of the open business day: sales, payments by method, cash, discounts, voids, refunds, open orders. ${CSV} (one figure a row)`,
  })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ type: ShiftReportView })
  async shift(
    @Query() query: ShiftReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ShiftReportView | string | StreamableFile> {
    const view = await this.reports.shift();
    const report = {
      file: `x-report-${view.period.from}-${view.period.to}`,
      title: `X report – business day ${view.businessDay}`,
      period: view.period,
    };
    return this.reply(response, query.format, report, view, dayReportTable);
  }

  /** The view as JSON, or its table as a CSV or PDF attachment named `<file>.csv` or `<file>.pdf`. */
  private async reply<View, Row>(
    response: Response,
    format: ReportFormat | undefined,
    report: { file: string; title: string; period: ReportPeriodView },
    view: View,
    toTable: (view: View) => ReportTable<Row>,
  ): Promise<View | string | StreamableFile> {
    if (format !== 'csv' && format !== 'pdf') return view;
    const { from, to, timeZone } = report.period;
    const file = `${report.file}.${format}`;
    const table = toTable(view);
    if (format === 'csv') {
      response.setHeader('Content-Type', 'text/csv; charset=utf-8');
      response.setHeader('Content-Disposition', `attachment; filename="${file}"`);
      return writeCsv(table.columns, table.rows, table.currency);
    }
    const days = from === to ? `Business day ${from}` : `Business days ${from} to ${to}`;
    const heading = {
      restaurantName: this.restaurant.name,
      title: report.title,
      details: [`${days} (${timeZone})`],
    };
    const pdf = await drawReportPdf(heading, table);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="${file}"`,
    });
  }
}
