import { Global, Module } from '@nestjs/common';
import { BrowserAssets } from './browser-assets';

/** What the server-rendered pages share: their compiled browser scripts (the API-only CLI has no need of them). */
@Global()
@Module({
  providers: [{ provide: BrowserAssets, useFactory: () => new BrowserAssets() }],
  exports: [BrowserAssets],
})
export class HtmlPagesModule {}
