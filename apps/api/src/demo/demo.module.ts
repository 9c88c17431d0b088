import { AuthModule } from '@app/auth';
import { Module } from '@nestjs/common';
import { DemoSeeder } from './demo-seeder.js';

@Module({ imports: [AuthModule], providers: [DemoSeeder], exports: [DemoSeeder] })
export class DemoModule {}
