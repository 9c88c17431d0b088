import { AuthModule } from '@app/auth';
import { VendorsModule } from '@app/vendors';
import { Module } from '@nestjs/common';
import { DemoSeeder } from './demo-seeder.js';

@Module({ imports: [AuthModule, VendorsModule], providers: [DemoSeeder], exports: [DemoSeeder] })
export class DemoModule {}
