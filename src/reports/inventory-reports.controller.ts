import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles, Scopes } from '../common/access/access.decorators';
import { Role } from '../common/access/role';
import { Scope } from '../common/access/scope';
import { RestaurantProfile } from '../restaurant/restaurant-profile';
import { ReportQuery } from './dto/report.inputs';
import { FoodCostReportView, InventoryReportView } from './dto/inventory-report.views';
import { foodCostTable, inventoryTable } from './inventory-report-csv';
import { InventoryReports } from './inventory-report';
import { reportReply } from './report-reply';
import { tablePdf } from './report-pdf';

const CSV =
  "With ?format=csv, the same rows as text/csv (RFC 4180); with ?format=pdf, the same rows as an A4 table to print, in ?lang= or the restaurant's language.";

/** The inventory's reports (docs/inventory.md, "Reports"): variance by ingredient, and food cost. */
@ApiTags('reports')
@Controller('reports')
export class InventoryReportsController {
  constructor(
    private readonly reports: InventoryReports,
    private readonly restaurant: RestaurantProfile,
  ) {}

  @Get('inventory')
  @Roles(Role.Manager, Role.Admin)
  @Scopes(Scope.ReportsRead)
  @ApiOperation({
    summary: `Per ingredient: opening, receipts, theoretical usage, waste, closing, actual usage and the variance, in quantity and money. ${CSV}`,
    description:
      "From the ledger of stock movements over the period's business days (docs/inventory.md, Reports): " +
      'variance = actual − theoretical usage, what the counts found missing; money as the ledger valued each movement.',
  })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ type: InventoryReportView })
  async inventory(
    @Query() query: ReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<InventoryReportView | string | StreamableFile> {
    const view = await this.reports.inventory(query);
    const file = `inventory-${view.period.from}-${view.period.to}`;
    return reportReply(
      response,
      query,
      this.restaurant.details,
      file,
      view,
      inventoryTable,
      tablePdf('inventoryReports.inventoryTitle', inventoryTable),
    );
  }

  @Get('food-cost')
  @Roles(Role.Manager, Role.Admin)
  @Scopes(Scope.ReportsRead)
  @ApiOperation({
    summary: `Plate cost and food-cost percent per dish, variation and category, against net sales. ${CSV}`,
    description:
      "Plate cost from each variation's recipe at the ingredients' current cost; net sales before tax of the items " +
      '/reports/dishes counts (before order discounts, modifiers apart).',
  })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ type: FoodCostReportView })
  async foodCost(
    @Query() query: ReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<FoodCostReportView | string | StreamableFile> {
    const view = await this.reports.foodCost(query);
    const file = `food-cost-${view.period.from}-${view.period.to}`;
    return reportReply(
      response,
      query,
      this.restaurant.details,
      file,
      view,
      foodCostTable,
      tablePdf('inventoryReports.foodCostTitle', foodCostTable),
    );
  }
}
