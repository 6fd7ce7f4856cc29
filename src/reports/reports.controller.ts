import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles, Scopes } from '../common/access/access.decorators';
import { Role } from '../common/access/role';
import { Scope } from '../common/access/scope';
import {
  MAX_TIP_REPORT_DAYS,
  ReportFormat,
  ReportQuery,
  SalesGrouping,
  SalesReportQuery,
  ShiftReportQuery,
} from './dto/report.inputs';
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
  dishesTable,
  discountsAndVoidsTable,
  kitchenTable,
  paymentMethodsTable,
  salesTable,
  staffTable,
  taxesTable,
} from './report-csv';
import { dayReportTable } from './day-report-csv';
import { GiftCardReportView } from './dto/gift-card-report.view';
import { GiftCardReport, giftCardReportTable } from './gift-card-report';
import { TaxReportView } from './dto/tax-report.views';
import { ReportsService } from './reports.service';
import { ReportPeriodView } from './dto/report.views';
import type { CsvTable } from './csv';
import { reportReply } from './report-reply';
import { tablePdf } from './report-pdf';
import { RestaurantProfile } from '../restaurant/restaurant-profile';
import type { RestaurantDetails } from '../config/app-config';
import type { Language } from '../i18n/languages';
import { drawXReportPdf } from './day-report-pdf';
import type { ReportWords } from './report-document';
import { LabourGrouping, LabourReportQuery } from './dto/labour-report.inputs';
import { LabourReportView, PayrollReportView } from './dto/labour-report.views';
import { LabourReport } from './labour-report';
import { labourTable, payrollTable } from './labour-report-csv';
import { TipReportView } from './dto/tip-report.views';
import { tipReportTable } from './tip-report-csv';

const CSV =
  "With ?format=csv, the same rows as text/csv (RFC 4180); with ?format=pdf, the same rows as an A4 table to print, in ?lang= or the restaurant's language.";

/** The sales report's printed title per grouping (back office texts' keys). */
const SALES_TITLES: Record<SalesGrouping, string> = {
  day: 'reportDocuments.salesByDay',
  hour: 'reportDocuments.salesByHour',
  channel: 'reportDocuments.salesByChannel',
};

/** The labour report's printed title per grouping. */
const LABOUR_TITLES: Record<LabourGrouping, string> = {
  day: 'reportDocuments.labourByDay',
  hour: 'reportDocuments.labourByHour',
  job: 'reportDocuments.labourByJob',
};

/** The back office's reports: JSON, or the same rows as CSV (`?format=csv`) or as a PDF (`?format=pdf`). */
@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly giftCards: GiftCardReport,
    private readonly restaurant: RestaurantProfile,
    private readonly labourReport: LabourReport,
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
    const file = `sales-${view.period.from}-${view.period.to}`;
    return this.reply(
      response,
      query,
      file,
      view,
      salesTable,
      tablePdf(SALES_TITLES[view.groupBy], salesTable),
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
    const file = `dishes-${view.period.from}-${view.period.to}`;
    return this.reply(
      response,
      query,
      file,
      view,
      dishesTable,
      tablePdf('reportDocuments.dishes', dishesTable),
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
    const file = `staff-${view.period.from}-${view.period.to}`;
    return this.reply(
      response,
      query,
      file,
      view,
      staffTable,
      tablePdf('reportsScreens.reports.reports.staff', staffTable),
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
    const file = `payment-methods-${view.period.from}-${view.period.to}`;
    return this.reply(
      response,
      query,
      file,
      view,
      paymentMethodsTable,
      tablePdf('reportsScreens.reports.reports.methods', paymentMethodsTable),
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
    const file = `taxes-${view.period.from}-${view.period.to}`;
    return this.reply(
      response,
      query,
      file,
      view,
      taxesTable,
      tablePdf('reportsScreens.reports.reports.taxes', taxesTable),
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
    const file = `kitchen-${view.period.from}-${view.period.to}`;
    return this.reply(
      response,
      query,
      file,
      view,
      kitchenTable,
      tablePdf('reportDocuments.kitchen', kitchenTable),
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
    const file = `discounts-and-voids-${view.period.from}-${view.period.to}`;
    return this.reply(
      response,
      query,
      file,
      view,
      discountsAndVoidsTable,
      tablePdf('reportDocuments.discountsAndVoids', discountsAndVoidsTable),
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
    const file = `gift-cards-${view.period.from}-${view.period.to}`;
    return this.reply(
      response,
      query,
      file,
      view,
      giftCardReportTable,
      tablePdf('reportsScreens.reports.reports.giftCards', giftCardReportTable),
    );
  }

  @Get('labour')
  @Roles(Role.Manager, Role.Admin)
  @Scopes(Scope.ReportsRead)
  @ApiOperation({
    summary: `Hours, overtime and labour cost per business day, local hour or job, beside net sales: labour % of sales. ${CSV}`,
    description:
      "From the time clock's shifts: paid breaks count as worked, unpaid ones do not; a shift across midnight or an hour counts in each by its part.",
  })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ type: LabourReportView })
  async labour(
    @Query() query: LabourReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LabourReportView | string | StreamableFile> {
    const view = await this.labourReport.labour(query);
    const file = `labour-${view.period.from}-${view.period.to}`;
    return this.reply(
      response,
      query,
      file,
      view,
      labourTable,
      tablePdf(LABOUR_TITLES[view.groupBy], labourTable),
    );
  }

  @Get('payroll')
  @Roles(Role.Manager, Role.Admin)
  @Scopes(Scope.ReportsRead)
  @ApiOperation({
    summary: `The payroll export: per person and job, hours, unpaid break minutes, overtime hours and wages. ${CSV}`,
  })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ type: PayrollReportView })
  async payroll(
    @Query() query: ReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PayrollReportView | string | StreamableFile> {
    const view = await this.labourReport.payroll(query);
    const file = `payroll-${view.period.from}-${view.period.to}`;
    return this.reply(
      response,
      query,
      file,
      view,
      payrollTable,
      tablePdf('reportDocuments.payroll', payrollTable),
    );
  }

  @Get('tips')
  @Roles(Role.Manager, Role.Admin)
  @Scopes(Scope.ReportsRead)
  @ApiOperation({
    summary: `Tips per person and business day (at most ${MAX_TIP_REPORT_DAYS}), rebuilt from the facts by the rules, beside the kept ledger. ${CSV}`,
  })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ type: TipReportView })
  async tips(
    @Query() query: ReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TipReportView | string | StreamableFile> {
    const view = await this.labourReport.tips(query);
    const file = `tips-${view.period.from}-${view.period.to}`;
    return this.reply(
      response,
      query,
      file,
      view,
      tipReportTable,
      tablePdf('reportDocuments.tips', tipReportTable),
    );
  }

  @Get('shift')
  @Roles(Role.Manager, Role.Admin)
  @Scopes(Scope.ReportsRead)
  @ApiOperation({
    summary:
      'The X report of the open business day: sales, payments by method, cash, discounts, voids, refunds, open ' +
      "orders. With ?format=csv, one figure a row as text/csv (RFC 4180); with ?format=pdf, printed as the Z report is, in ?lang= or the restaurant's language.",
  })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ type: ShiftReportView })
  async shift(
    @Query() query: ShiftReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ShiftReportView | string | StreamableFile> {
    const view = await this.reports.shift();
    const file = `x-report-${view.period.from}-${view.period.to}`;
    return this.reply(response, query, file, view, dayReportTable, drawXReportPdf);
  }

  private reply<View extends { period: ReportPeriodView }, Row>(
    response: Response,
    query: { format?: ReportFormat; lang?: Language },
    file: string,
    view: View,
    toTable: (view: View) => CsvTable<Row>,
    drawPdf: (view: View, restaurant: RestaurantDetails, words: ReportWords) => Promise<Buffer>,
  ): Promise<View | string | StreamableFile> {
    return reportReply(response, query, this.restaurant.details, file, view, toTable, drawPdf);
  }
}
