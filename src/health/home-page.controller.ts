import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/access/access.decorators';
import { html } from '../common/html/html';
import { startHtmlPage } from '../common/html/html-page';
import { RestaurantProfile } from '../restaurant/restaurant-profile';

@ApiTags('operations')
@Controller()
export class HomePageController {
  constructor(private readonly restaurant: RestaurantProfile) {}

  /** Someone who opens the server's address in a browser finds the way to what it serves. */
  @Get()
  @Public()
  @ApiOperation({
    summary:
      'A small HTML page linking the API documentation, the waiter tablet, the kitchen screen, the back office and /health',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML page', schema: { type: 'string' } })
  page(@Res() response: Response): void {
    const nonce = startHtmlPage(response);
    const name = this.restaurant.name;
    response.send(
      html`<!doctype html>
        <html lang="en">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>${name}: point of sale</title>
            <style nonce="${nonce}">
              body {
                font-family: system-ui, sans-serif;
                max-width: 36rem;
                margin: 3rem auto;
                padding: 0 1rem;
              }
              li {
                margin: 0.5rem 0;
              }
            </style>
          </head>
          <body>
            <h1>${name}: point of sale</h1>
            <p>This server answers the API under <code>/api/v1</code>. From here:</p>
            <ul>
              <li>
                <a href="/docs">API documentation</a> (OpenAPI; the spec itself at
                <a href="/docs-json">/docs-json</a>)
              </li>
              <li>
                <a href="/back-office">Back office</a>: the day at a glance for managers, and the setup guide
                that takes a new restaurant to its first order
              </li>
              <li>
                <a href="/waiter">Waiter tablet</a>: tables and takeaway, orders, checks and payments, signed
                in with a waiter’s PIN
              </li>
              <li>
                <a href="/kitchen">Kitchen screen</a>: for a kitchen tablet or TV, paired with a manager’s
                code
              </li>
              <li>
                Pickup board: the counter’s TV opens the link a manager makes for it
                (<code>/pickup?board=…</code>)
              </li>
              <li>Guests’ menu: each table’s QR code opens it, with ordering and “call waiter”</li>
              <li><a href="/health">Health</a>: whether the server and its database are up</li>
            </ul>
          </body>
        </html> `.value,
    );
  }
}
