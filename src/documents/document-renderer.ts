import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { RestaurantProfile } from '../restaurant/restaurant-profile';
import type { DocumentFormat, PaperWidth, PrintableDocument, RenderedDocument } from './document-types';
import { dayReportLayout } from './layout/day-report.layout';
import { guestCheckLayout } from './layout/guest-check.layout';
import type { House } from './layout/house';
import { kitchenTicketLayout } from './layout/kitchen-ticket.layout';
import { receiptLayout } from './layout/receipt.layout';
import { renderMarkup } from './render/render-markup';

/** The ReceiptLine markup of a document laid out for `width` characters: its one layout. */
export function layoutOf(document: PrintableDocument, house: House, width: number): string {
  switch (document.kind) {
    case 'guest_check':
      return guestCheckLayout(document, house, width);
    case 'sale':
    case 'refund':
      return receiptLayout(document, house, width);
    case 'kitchen_ticket':
      return kitchenTicketLayout(document, house, width);
    case 'x_report':
    case 'z_report':
      return dayReportLayout(document, house, width);
  }
}

/** A name for the document, as the PDF's title. */
function titleOf(document: PrintableDocument): string {
  switch (document.kind) {
    case 'guest_check':
      return `Guest check, order ${document.orderNumber}`;
    case 'sale':
      return `Receipt ${document.number}`;
    case 'refund':
      return `Refund receipt ${document.number}`;
    case 'kitchen_ticket':
      return `Kitchen ticket, order ${document.orderNumber}`;
    case 'x_report':
      return `X report ${document.report.businessDay}`;
    case 'z_report':
      return `Z report ${document.number}`;
  }
}

/** Renders a document in one format for one paper width, as `render` does, with the house given. */
export function renderDocument(
  document: PrintableDocument,
  format: DocumentFormat,
  width: PaperWidth,
  house: House,
): Promise<RenderedDocument> {
  return renderMarkup(layoutOf(document, house, width), format, width, titleOf(document));
}

/**
 * What other modules call to print or show a document: bills, receipts and their digital copies, kitchen tickets,
 * X and Z reports. The restaurant's name, address, tax number, currency and time zone come from its profile as it
 * is when the document renders; the footer from the configuration.
 */
@Injectable()
export class DocumentRenderer {
  constructor(
    private readonly config: AppConfig,
    private readonly restaurant: RestaurantProfile,
  ) {}

  private get house(): House {
    const { name, address, taxId, currency, timezone } = this.restaurant.details;
    return { name, address, taxId, footer: this.config.receiptFooter, currency, timeZone: timezone };
  }

  /** The document as `format` (escpos, svg, pdf, text) for paper `width` characters wide (default 48). */
  render(
    document: PrintableDocument,
    format: DocumentFormat,
    width: PaperWidth = 48,
  ): Promise<RenderedDocument> {
    return renderDocument(document, format, width, this.house);
  }
}
