import { APP_CONFIG, type AppConfig } from '@app/config';
import { Module } from '@nestjs/common';
import { SpreadsheetSandbox } from './spreadsheet-sandbox.js';

/** One sandbox per process, so its worker limit holds across every context that reads uploads. */
@Module({
  providers: [
    {
      provide: SpreadsheetSandbox,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new SpreadsheetSandbox(config.uploads),
    },
  ],
  exports: [SpreadsheetSandbox],
})
export class SpreadsheetModule {}
