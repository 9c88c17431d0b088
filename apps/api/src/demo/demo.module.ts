import { AssessmentsModule } from '@app/assessments';
import { AuthModule } from '@app/auth';
import { VendorsModule } from '@app/vendors';
import { Module } from '@nestjs/common';
import { DemoSeeder } from './demo-seeder.js';

@Module({
  imports: [AuthModule, VendorsModule, AssessmentsModule],
  providers: [DemoSeeder],
  exports: [DemoSeeder],
})
export class DemoModule {}
